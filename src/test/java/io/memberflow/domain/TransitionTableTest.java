package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.NOW;
import static io.memberflow.domain.Fixtures.T;
import static io.memberflow.domain.Fixtures.event;
import static io.memberflow.domain.Fixtures.invoice;
import static io.memberflow.domain.Fixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every starting status (see {@link Fixtures#stateIn}) against every handled event type. The expected
 * effective status is written out by hand; each row is one event, each column one starting status.
 */
class TransitionTableTest {

    private static final String TABLE = """
            event                              | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            subscription.created:trialing      | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | REFUNDED  | BLOCKED
            subscription.created:active        | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | REFUNDED  | BLOCKED
            subscription.created:incomplete    | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | REFUNDED  | BLOCKED
            subscription.updated:trialing      | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | REFUNDED  | BLOCKED
            subscription.updated:active        | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | REFUNDED  | BLOCKED
            subscription.updated:past_due      | PAST_DUE  | PAST_DUE  | PAST_DUE  | PAST_DUE  | SUSPENDED | PAST_DUE  | PAST_DUE  | REFUNDED  | BLOCKED
            subscription.updated:unpaid        | SUSPENDED | SUSPENDED | SUSPENDED | SUSPENDED | SUSPENDED | SUSPENDED | SUSPENDED | REFUNDED  | BLOCKED
            subscription.updated:canceled      | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | REFUNDED  | BLOCKED
            subscription.updated:incomplete    | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | REFUNDED  | BLOCKED
            subscription.updated:inc_expired   | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | LEAD      | REFUNDED  | BLOCKED
            subscription.updated:paused        | PAUSED    | PAUSED    | PAUSED    | PAUSED    | PAUSED    | PAUSED    | PAUSED    | REFUNDED  | BLOCKED
            subscription.updated:cancel_at_end | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | REFUNDED  | BLOCKED
            subscription.paused                | PAUSED    | PAUSED    | PAUSED    | PAUSED    | PAUSED    | PAUSED    | PAUSED    | REFUNDED  | BLOCKED
            subscription.resumed               | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | REFUNDED  | BLOCKED
            subscription.deleted               | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | REFUNDED  | BLOCKED
            subscription.trial_will_end        | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            invoice.paid                       | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | PAUSED    | ACTIVE    | ACTIVE    | BLOCKED
            invoice.paid:zero                  | ACTIVE    | TRIALING  | ACTIVE    | ACTIVE    | ACTIVE    | PAUSED    | ACTIVE    | REFUNDED  | BLOCKED
            invoice.payment_succeeded          | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | PAUSED    | ACTIVE    | ACTIVE    | BLOCKED
            invoice.payment_failed             | LEAD      | PAST_DUE  | PAST_DUE  | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            invoice.payment_action_required    | LEAD      | PAST_DUE  | PAST_DUE  | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            invoice.created                    | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            checkout.completed:paid            | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | ACTIVE    | BLOCKED
            checkout.completed:free            | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | TRIALING  | REFUNDED  | BLOCKED
            checkout.completed:unpaid          | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | LEAD      | REFUNDED  | BLOCKED
            checkout.completed:setup           | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            charge.refunded:full               | REFUNDED  | REFUNDED  | REFUNDED  | REFUNDED  | REFUNDED  | REFUNDED  | REFUNDED  | REFUNDED  | BLOCKED
            charge.refunded:partial            | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            charge.dispute.created             | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED
            charge.dispute.closed:won          | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | ACTIVE
            charge.dispute.closed:warning      | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | ACTIVE
            charge.dispute.closed:lost         | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED   | BLOCKED
            customer.deleted                   | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | CANCELED  | REFUNDED  | BLOCKED
            customer.created                   | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            customer.updated                   | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            payment_intent.succeeded           | LEAD      | TRIALING  | ACTIVE    | PAST_DUE  | SUSPENDED | PAUSED    | CANCELED  | REFUNDED  | BLOCKED
            """;

    /** Every type the machine acts on; the table must exercise each of them. */
    private static final Set<String> HANDLED_TYPES = Set.of(
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.paused",
            "customer.subscription.resumed", "customer.subscription.deleted", "customer.subscription.trial_will_end",
            "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed", "invoice.payment_action_required",
            "checkout.session.completed", "charge.refunded", "charge.dispute.created", "charge.dispute.closed",
            "customer.deleted", "customer.created", "customer.updated");

    private static final String SUB = "sub_1";

    private static final Map<String, BillingEvent> EVENTS = events();

    private static Map<String, BillingEvent> events() {
        String sc = "customer.subscription.created";
        String su = "customer.subscription.updated";
        Map<String, BillingEvent> e = new LinkedHashMap<>();
        e.put("subscription.created:trialing", subscription("evt", sc, T, SUB, "trialing", BASIC_PRICE));
        e.put("subscription.created:active", subscription("evt", sc, T, SUB, "active", BASIC_PRICE));
        e.put("subscription.created:incomplete", subscription("evt", sc, T, SUB, "incomplete", BASIC_PRICE));
        e.put("subscription.updated:trialing", subscription("evt", su, T, SUB, "trialing", BASIC_PRICE));
        e.put("subscription.updated:active", subscription("evt", su, T, SUB, "active", BASIC_PRICE));
        e.put("subscription.updated:past_due", subscription("evt", su, T, SUB, "past_due", BASIC_PRICE));
        e.put("subscription.updated:unpaid", subscription("evt", su, T, SUB, "unpaid", BASIC_PRICE));
        e.put("subscription.updated:canceled", subscription("evt", su, T, SUB, "canceled", BASIC_PRICE));
        e.put("subscription.updated:incomplete", subscription("evt", su, T, SUB, "incomplete", BASIC_PRICE));
        e.put("subscription.updated:inc_expired",
                subscription("evt", su, T, SUB, "incomplete_expired", BASIC_PRICE));
        e.put("subscription.updated:paused", subscription("evt", su, T, SUB, "paused", BASIC_PRICE));
        e.put("subscription.updated:cancel_at_end", subscription("evt", su, T, SUB, "active", BASIC_PRICE)
                .toBuilder().cancelAtPeriodEnd(true).currentPeriodEnd(T + 20 * 86_400L).build());
        e.put("subscription.paused", subscription("evt", "customer.subscription.paused", T, SUB, null));
        e.put("subscription.resumed", subscription("evt", "customer.subscription.resumed", T, SUB, null));
        e.put("subscription.deleted", subscription("evt", "customer.subscription.deleted", T, SUB, "canceled"));
        e.put("subscription.trial_will_end",
                subscription("evt", "customer.subscription.trial_will_end", T, SUB, "trialing"));
        e.put("invoice.paid", invoice("evt", "invoice.paid", T, SUB, 1999));
        e.put("invoice.paid:zero", invoice("evt", "invoice.paid", T, SUB, 0));
        e.put("invoice.payment_succeeded", invoice("evt", "invoice.payment_succeeded", T, SUB, 1999));
        e.put("invoice.payment_failed", invoice("evt", "invoice.payment_failed", T, SUB, 0));
        e.put("invoice.payment_action_required", invoice("evt", "invoice.payment_action_required", T, SUB, 0));
        e.put("invoice.created", invoice("evt", "invoice.created", T, SUB, 0));
        e.put("checkout.completed:paid", checkout("subscription", "paid"));
        e.put("checkout.completed:free", checkout("subscription", "no_payment_required"));
        e.put("checkout.completed:unpaid", checkout("subscription", "unpaid"));
        e.put("checkout.completed:setup", checkout("setup", "no_payment_required"));
        e.put("charge.refunded:full", Fixtures.refund("evt", T, 1999, 1999));
        e.put("charge.refunded:partial", Fixtures.refund("evt", T, 1999, 500));
        e.put("charge.dispute.created", Fixtures.disputeCreated("evt", T));
        e.put("charge.dispute.closed:won", Fixtures.disputeClosed("evt", T, "won"));
        e.put("charge.dispute.closed:warning", Fixtures.disputeClosed("evt", T, "warning_closed"));
        e.put("charge.dispute.closed:lost", Fixtures.disputeClosed("evt", T, "lost"));
        e.put("customer.deleted", event("evt", "customer.deleted", T).build());
        e.put("customer.created", event("evt", "customer.created", T).email("new@example.com").build());
        e.put("customer.updated", event("evt", "customer.updated", T).email("new@example.com").build());
        e.put("payment_intent.succeeded", event("evt", "payment_intent.succeeded", T).amount(1999L).build());
        return e;
    }

    private static BillingEvent checkout(String mode, String paymentStatus) {
        return event("evt", "checkout.session.completed", T).subscriptionId(SUB).checkoutMode(mode)
                .paymentStatus(paymentStatus).priceIds(BASIC_PRICE).email("buyer@example.com").build();
    }

    static Stream<Arguments> table() {
        List<String> lines = TABLE.lines().filter(line -> !line.isBlank()).toList();
        List<MemberStatus> columns = Arrays.stream(lines.get(0).split("\\|")).skip(1).map(String::trim)
                .map(MemberStatus::valueOf).toList();
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\|");
            String event = cells[0].trim();
            for (int i = 0; i < columns.size(); i++) {
                cases.add(Arguments.of(columns.get(i), event, MemberStatus.valueOf(cells[i + 1].trim())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "given {0}, when {1}, then {2}")
    @MethodSource("table")
    void givenStartingStatus_whenEventArrives_thenStatusIsAsTabled(MemberStatus start, String eventName,
                                                                   MemberStatus expected) {
        BillingEvent event = EVENTS.get(eventName);
        assertThat(event).as("event fixture " + eventName).isNotNull();

        Transition transition = Fixtures.machine().apply(Fixtures.stateIn(start), event, NOW);

        assertThat(transition.next().status()).isEqualTo(expected);
    }

    @Test
    void theTableCoversEveryStatusAndEveryHandledEventType() {
        List<String> lines = TABLE.lines().filter(line -> !line.isBlank()).toList();
        Set<String> rows = lines.stream().skip(1).map(line -> line.split("\\|")[0].trim())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> typesInTable = rows.stream().map(EVENTS::get).map(BillingEvent::type).collect(Collectors.toSet());

        assertThat(table().count()).isEqualTo((long) rows.size() * MemberStatus.values().length);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(EVENTS.keySet());
        assertThat(typesInTable).containsAll(HANDLED_TYPES);
        assertThat(Arrays.stream(MemberStatus.values()).map(Fixtures::stateIn).map(MemberState::status))
                .containsExactly(MemberStatus.values());
    }
}
