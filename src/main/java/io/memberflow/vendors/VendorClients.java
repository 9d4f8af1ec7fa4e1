package io.memberflow.vendors;

import com.stripe.StripeClient;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.config.StripeClients;
import io.memberflow.config.StripeProperties;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.quota.CircleQuota;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The vendor clients, one singleton each, made only when the vendor's credential is set ({@link VendorSettings}).
 * Circle and Kit come in two kinds, told apart by {@link Named}: {@value #LIVE} for the workflows' grants, revokes and
 * tags (Circle requests counted as live spending, never refused) and {@value #BACKGROUND} for reconciliation (Circle
 * requests counted as background spending, which stops at its share of the monthly quota; a 429 without Retry-After
 * waited out for {@code memberflow.reconcile.rate-limit-wait}). Pacing stays with the callers, one pacer per
 * process and purpose. The clients hold no per-call state and are safe to share across activity threads.
 */
@Factory
public class VendorClients {
    /** Qualifier of the clients the customer workflows' activities call. */
    public static final String LIVE = "live";
    /** Qualifier of the clients background work (reconciliation) calls. */
    public static final String BACKGROUND = "background";

    @Singleton
    @Named(LIVE)
    @Requires(condition = VendorSettings.CircleOn.class)
    CircleClient liveCircle(IntegrationProperties.Circle circle, CircleQuota quota) {
        return new CircleClient(circle.apiUrl(), circle.apiToken(), VendorHttp.defaultHttpClient().newBuilder()
                .addInterceptor(quota.interceptor(CircleQuota.Purpose.LIVE)).build());
    }

    @Singleton
    @Named(BACKGROUND)
    @Requires(condition = VendorSettings.CircleOn.class)
    CircleClient backgroundCircle(IntegrationProperties.Circle circle, CircleQuota quota,
                                  @Value("${memberflow.reconcile.rate-limit-wait}") Duration rateLimitWait) {
        return new CircleClient(circle.apiUrl(), circle.apiToken(), VendorHttp.defaultHttpClient().newBuilder()
                .addInterceptor(quota.interceptor(CircleQuota.Purpose.BACKGROUND)).build(), rateLimitWait);
    }

    @Singleton
    @Named(LIVE)
    @Requires(condition = VendorSettings.KitOn.class)
    KitClient liveKit(IntegrationProperties.Kit kit) {
        return new KitClient(kit.apiUrl(), kit.apiKey());
    }

    @Singleton
    @Named(BACKGROUND)
    @Requires(condition = VendorSettings.KitOn.class)
    KitClient backgroundKit(IntegrationProperties.Kit kit,
                            @Value("${memberflow.reconcile.rate-limit-wait}") Duration rateLimitWait) {
        return new KitClient(kit.apiUrl(), kit.apiKey(), VendorHttp.defaultHttpClient(), rateLimitWait);
    }

    /** Short timeouts and no retries of its own (Temporal and the callers retry); one client for every purpose. */
    @Singleton
    @Requires(condition = VendorSettings.StripeOn.class)
    StripeClient stripe(StripeProperties stripe) {
        return StripeClients.client(stripe);
    }
}
