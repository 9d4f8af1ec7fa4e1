package io.memberflow.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Plans the side effects that turn "what is applied at the vendors" into "what should be": the pure diff {@code VendorSync} runs. */
public final class SideEffectPlanner {
    private SideEffectPlanner() {
    }

    /**
     * Ordered side effects turning {@code applied} into {@code desired}: GRANT_ACCESS first, then REVOKE_ACCESS
     * (so a plan change never leaves the member without a space), then REMOVE_TAGS, then ADD_TAGS (marketing
     * automations fire only after access is in place). Effects with no ids are omitted.
     */
    public static List<SideEffect> plan(Entitlements applied, Entitlements desired) {
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(desired, "desired");
        List<SideEffect> effects = new ArrayList<>(4);
        add(effects, SideEffect.Kind.GRANT_ACCESS, Sets.minus(desired.accessGroupIds(), applied.accessGroupIds()));
        add(effects, SideEffect.Kind.REVOKE_ACCESS, Sets.minus(applied.accessGroupIds(), desired.accessGroupIds()));
        add(effects, SideEffect.Kind.REMOVE_TAGS, Sets.minus(applied.tagIds(), desired.tagIds()));
        add(effects, SideEffect.Kind.ADD_TAGS, Sets.minus(desired.tagIds(), applied.tagIds()));
        return List.copyOf(effects);
    }

    private static void add(List<SideEffect> effects, SideEffect.Kind kind, Set<Long> ids) {
        if (!ids.isEmpty()) {
            effects.add(new SideEffect(kind, ids));
        }
    }
}
