package io.memberflow.domain;

import java.util.List;
import java.util.Objects;

/**
 * Result of applying one input. Always keep {@code next}, even when {@code changed} is false:
 * bookkeeping such as the ordering watermark or ended subscriptions may have moved.
 * {@code changed} says whether anything that can affect access, tags or contact data changed.
 */
public record Transition(MemberState next, List<SupportTaskRequest> supportTasks, String note, boolean changed) {
    public Transition {
        Objects.requireNonNull(next, "next");
        supportTasks = supportTasks == null ? List.of() : List.copyOf(supportTasks);
        note = note == null ? "" : note;
    }
}
