package io.memberflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The domain records travel through Temporal's Jackson payload converter (which also makes fields visible)
 * and through the HTTP layer; both must round-trip them with no extra properties.
 */
class JsonRoundTripTest {

    static Stream<ObjectMapper> mappers() {
        ObjectMapper fieldVisible = new ObjectMapper();
        fieldVisible.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return Stream.of(new ObjectMapper(), fieldVisible);
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void givenAFullMemberState_thenItRoundTripsWithoutDerivedProperties(ObjectMapper mapper) throws Exception {
        MemberState state = Fixtures.stateIn(MemberStatus.PAST_DUE).toBuilder()
                .refunded(true).refundedAsOfSeconds(Fixtures.T).override(AccessOverride.GRANT).accessUntil(123L)
                .disputes(new Disputes(List.of("dp_1"), List.of("dp_2"), List.of("dp_3")))
                .endedSubscriptionIds(List.of("sub_a", "sub_b"))
                .applied(new Entitlements(Set.of(3L, 1L), Set.of(7L))).build();

        String json = mapper.writeValueAsString(state);

        assertThat(mapper.readValue(json, MemberState.class)).isEqualTo(state);
        assertThat(mapper.readTree(json).has("status")).isFalse();
        assertThat(mapper.readTree(json).has("accessGranted")).isFalse();
        assertThat(mapper.readTree(json).has("nextDeadline")).isFalse();
        assertThat(mapper.readTree(json).get("disputes").has("blocking")).isFalse();
        assertThat(mapper.readTree(json).get("applied").get("accessGroupIds").toString()).isEqualTo("[1,3]");
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void givenTheOtherDomainRecords_thenTheyRoundTrip(ObjectMapper mapper) throws Exception {
        BillingEvent event = Fixtures.disputeCreated("evt_1", Fixtures.T).toBuilder().priceIds("p1")
                .cancelAtPeriodEnd(true).build();
        Transition transition = Fixtures.machine().apply(Fixtures.stateIn(MemberStatus.ACTIVE), event, Fixtures.NOW);
        SideEffect effect = new SideEffect(SideEffect.Kind.GRANT_ACCESS, Set.of(2L, 1L));
        Disputes disputes = Disputes.none().opened("dp_1").lost("dp_2").won("dp_3");

        assertThat(mapper.readValue(mapper.writeValueAsString(event), BillingEvent.class)).isEqualTo(event);
        assertThat(mapper.readValue(mapper.writeValueAsString(transition), Transition.class)).isEqualTo(transition);
        assertThat(mapper.readValue(mapper.writeValueAsString(effect), SideEffect.class)).isEqualTo(effect);
        assertThat(mapper.readValue(mapper.writeValueAsString(disputes), Disputes.class)).isEqualTo(disputes);
        assertThat(mapper.readValue(mapper.writeValueAsString(Fixtures.proPlan()), Plan.class))
                .isEqualTo(Fixtures.proPlan());
        assertThat(mapper.readValue(mapper.writeValueAsString(Entitlements.none()), Entitlements.class))
                .isEqualTo(Entitlements.none());
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void givenJsonWrittenBeforeRefundTimesAndDisputeIdsWereKept_thenItReadsWithTheBlockAndTheRefundKept(
            ObjectMapper mapper) throws Exception {
        ObjectNode old = mapper.valueToTree(Fixtures.stateIn(MemberStatus.ACTIVE).toBuilder().refunded(true).build());
        old.remove(List.of("disputes", "refundedAsOfSeconds"));
        old.put("disputed", true);

        MemberState state = mapper.treeToValue(old, MemberState.class);

        assertThat(state.status()).isEqualTo(MemberStatus.BLOCKED);
        assertThat(state.disputed()).isTrue();
        assertThat(state.disputes().openIds()).containsExactly(Disputes.UNIDENTIFIED);
        assertThat(state.refunded()).isTrue();
        assertThat(state.refundedAsOfSeconds()).isZero();
        assertThat(state.toBuilder().disputes(Disputes.none()).refunded(false).build().status())
                .isEqualTo(MemberStatus.ACTIVE);
    }
}
