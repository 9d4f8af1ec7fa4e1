package io.memberflow.workflow;

import io.memberflow.domain.Entitlements;
import io.memberflow.domain.SideEffect;

import java.util.HashSet;
import java.util.Set;

/** What a {@link SideEffect} is in the workflow's words: its vendor, its text, and what is applied after it. */
final class SideEffects {
    private SideEffects() {
    }

    static boolean isAccess(SideEffect e) {
        return e.kind() == SideEffect.Kind.GRANT_ACCESS || e.kind() == SideEffect.Kind.REVOKE_ACCESS;
    }

    static boolean removes(SideEffect e) {
        return e.kind() == SideEffect.Kind.REVOKE_ACCESS || e.kind() == SideEffect.Kind.REMOVE_TAGS;
    }

    /** The effect as the timeline, support tasks and the {@code pending} query say it. */
    static String describe(SideEffect e) {
        return switch (e.kind()) {
            case GRANT_ACCESS -> "circle grant access groups " + e.ids();
            case REVOKE_ACCESS -> "circle revoke access groups " + e.ids();
            case ADD_TAGS -> "kit add tags " + e.ids();
            case REMOVE_TAGS -> "kit remove tags " + e.ids();
        };
    }

    /** What is applied at the vendors once {@code effect} is done. */
    static Entitlements after(Entitlements applied, SideEffect effect) {
        Set<Long> groups = new HashSet<>(applied.accessGroupIds());
        Set<Long> tags = new HashSet<>(applied.tagIds());
        switch (effect.kind()) {
            case GRANT_ACCESS -> groups.addAll(effect.ids());
            case REVOKE_ACCESS -> groups.removeAll(effect.ids());
            case ADD_TAGS -> tags.addAll(effect.ids());
            case REMOVE_TAGS -> tags.removeAll(effect.ids());
        }
        return new Entitlements(groups, tags);
    }

    /** Kit's first name: the first word of the customer's name. */
    static String firstName(String name) {
        return name == null || name.isBlank() ? null : name.trim().split("\\s+")[0];
    }
}
