package io.memberflow.config;

import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import io.memberflow.workflow.EngineSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the plans, lifecycle tags, grace period and Stripe-read settings into the {@link EngineSettings} the
 * workflow decides with. Single keys are validated by their records' annotations; what needs several keys or a
 * plan's name (a price in two plans, a plan without prices, a lifecycle key that names no state, an ISO-8601 grace
 * period, the debounce range) is checked here. Either way, invalid configuration stops start-up with a message
 * naming the key.
 */
@Context
public class EngineConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConfiguration.class);
    private final EngineSettings settings;

    public EngineConfiguration(ServiceProperties service, List<PlanProperties> plans, IntegrationProperties.Kit kit,
                               StripeProperties stripe,
                               @Value("${memberflow.attention.email-wait}") Duration emailWait) {
        Duration readDebounce = stripe.readDebounce();
        if (readDebounce.isNegative() || readDebounce.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigurationException("memberflow.stripe.read-debounce must be between 0 and 30s, not " + readDebounce);
        }
        String gracePeriod = service.gracePeriod();
        this.settings = new EngineSettings(parseGrace(gracePeriod).toMillis(), toPlans(plans),
                lifecycleTags(kit.lifecycleTagIds()), service.continueAsNewAfter(), stripe.hasApiKey(),
                readDebounce.toMillis(), emailWait.toMillis());
        LOG.info("Entitlement engine: {} plan(s) {}, grace period {}, lifecycle tags for {}; billing {}", settings.plans().size(),
                settings.plans().stream().map(Plan::name).toList(), gracePeriod, settings.lifecycleTagIds().keySet(),
                settings.billingReads() ? "read from Stripe (debounce " + readDebounce.toMillis() + " ms)"
                        : "taken from event payloads (no STRIPE_API_KEY)");
    }

    public EngineSettings settings() {
        return settings;
    }

    static Duration parseGrace(String value) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative()) {
                throw new ConfigurationException("memberflow.grace-period must not be negative: " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("memberflow.grace-period: '" + value
                    + "' is not an ISO-8601 duration such as P3D or PT12H");
        }
    }

    static List<Plan> toPlans(List<PlanProperties> plans) {
        Map<String, String> owner = new HashMap<>();
        for (PlanProperties p : plans) {
            String key = "memberflow.plans." + p.name();
            if (p.stripePriceIds() == null || p.stripePriceIds().isEmpty()) {
                throw new ConfigurationException(key + ".stripe-price-ids must list at least one Stripe price id");
            }
            for (String price : p.stripePriceIds()) {
                String previous = owner.putIfAbsent(price, p.name());
                if (previous != null) {
                    throw new ConfigurationException(key + ".stripe-price-ids: price " + price
                            + " is already in memberflow.plans." + previous + " (a price may belong to one plan)");
                }
            }
        }
        return plans.stream()
                .map(p -> new Plan(p.name(), new LinkedHashSet<>(p.stripePriceIds()),
                        p.circleAccessGroupIds() == null ? new HashSet<>() : new LinkedHashSet<>(p.circleAccessGroupIds()),
                        p.kitTagIds() == null ? new HashSet<>() : new LinkedHashSet<>(p.kitTagIds())))
                .sorted(java.util.Comparator.comparing(Plan::name))
                .toList();
    }

    static Map<MemberStatus, Long> lifecycleTags(Map<String, Long> configured) {
        Map<MemberStatus, Long> tags = new EnumMap<>(MemberStatus.class);
        if (configured == null) {
            return tags;
        }
        Map<String, MemberStatus> byKey = Arrays.stream(MemberStatus.values())
                .collect(Collectors.toMap(MemberStatus::configKey, s -> s));
        configured.forEach((key, tag) -> {
            MemberStatus status = byKey.get(key);
            if (status == null) {
                throw new ConfigurationException("memberflow.kit.lifecycle-tag-ids." + key
                        + " names no member state; use one of " + byKey.keySet());
            }
            if (tag == null) {
                throw new ConfigurationException("memberflow.kit.lifecycle-tag-ids." + key + " needs a Kit tag id");
            }
            tags.put(status, tag);
        });
        return tags;
    }
}
