package io.memberflow.domain;

import static io.memberflow.domain.SideEffect.Kind.ADD_TAGS;
import static io.memberflow.domain.SideEffect.Kind.GRANT_ACCESS;
import static io.memberflow.domain.SideEffect.Kind.REMOVE_TAGS;
import static io.memberflow.domain.SideEffect.Kind.REVOKE_ACCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SideEffectPlannerTest {

    @Test
    void givenEverythingToDo_thenGrantComesBeforeRevokeAndTagRemovalBeforeTagAddition() {
        Entitlements applied = new Entitlements(Set.of(1L, 2L), Set.of(10L, 11L));
        Entitlements desired = new Entitlements(Set.of(2L, 3L), Set.of(11L, 12L));

        assertThat(SideEffectPlanner.plan(applied, desired)).containsExactly(
                new SideEffect(GRANT_ACCESS, Set.of(3L)),
                new SideEffect(REVOKE_ACCESS, Set.of(1L)),
                new SideEffect(REMOVE_TAGS, Set.of(10L)),
                new SideEffect(ADD_TAGS, Set.of(12L)));
    }

    @Test
    void givenAppliedEqualsDesired_thenThereIsNothingToDo() {
        Entitlements same = new Entitlements(Set.of(1L), Set.of(10L));

        assertThat(SideEffectPlanner.plan(same, same)).isEmpty();
        assertThat(SideEffectPlanner.plan(Entitlements.none(), Entitlements.none())).isEmpty();
    }

    @Test
    void givenOnlyTagsDiffer_thenNoAccessEffectsAreListed() {
        Entitlements applied = new Entitlements(Set.of(1L), Set.of(10L));
        Entitlements desired = new Entitlements(Set.of(1L), Set.of(12L));

        assertThat(SideEffectPlanner.plan(applied, desired)).extracting(SideEffect::kind).containsExactly(REMOVE_TAGS, ADD_TAGS);
    }

    @Test
    void givenNewMember_thenAccessIsGrantedBeforeTagsAreAdded() {
        Entitlements desired = new Entitlements(Set.of(1L), Set.of(10L));

        assertThat(SideEffectPlanner.plan(Entitlements.none(), desired)).extracting(SideEffect::kind)
                .containsExactly(GRANT_ACCESS, ADD_TAGS);
    }

    @Test
    void givenLeavingMember_thenOnlyRevocationsAndRemovalsAreListed() {
        Entitlements applied = new Entitlements(Set.of(1L), Set.of(10L));

        assertThat(SideEffectPlanner.plan(applied, Entitlements.none())).extracting(SideEffect::kind)
                .containsExactly(REVOKE_ACCESS, REMOVE_TAGS);
    }

    @Test
    void givenManyIds_thenEachEffectListsThemInAscendingOrder() {
        Entitlements desired = new Entitlements(Set.of(5L, 3L, 9L, 1L), Set.of());

        assertThat(SideEffectPlanner.plan(Entitlements.none(), desired).get(0).ids()).containsExactly(1L, 3L, 5L, 9L);
    }
}
