package io.memberflow.workflow;

import io.memberflow.domain.MemberState;
import jakarta.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a customer's workflow knows, in one serialisable record: what the {@code state} query returns and
 * what continue-as-new carries. {@code recentEventIds} (newest last, at most {@link #RECENT_EVENT_IDS}) makes
 * event delivery idempotent across runs; {@code timeline} keeps the newest {@link #TIMELINE_SIZE} entries and
 * {@code unsent} the entries not yet written to the audit trail (at most {@link #UNSENT_LIMIT}).
 *
 * @param lastFailure operator-readable message of the side effect that last failed for good, null once in sync
 * @param openTaskIds support tasks this workflow opened that are not resolved yet
 * @param seq          the sequence number of the newest timeline entry; grows with every change
 * @param appliedEmail the address under which {@code member().applied()} exists at Circle and Kit
 * @param problems     what keeps billing's access from being applied (or Stripe from being read), oldest first
 */
public record CustomerRecord(String customerId,
                             MemberState member,
                             long eventsApplied,
                             @Nullable String lastEventId,
                             @Nullable String lastEventType,
                             @Nullable Long lastEventAt,
                             List<String> recentEventIds,
                             List<TimelineEntry> timeline,
                             @Nullable String lastFailure,
                             List<Long> openTaskIds,
                             long seq,
                             List<TimelineEntry> unsent,
                             @Nullable String appliedEmail,
                             List<OpenProblem> problems) {

    public static final int RECENT_EVENT_IDS = 1000;
    public static final int TIMELINE_SIZE = 50;
    public static final int UNSENT_LIMIT = 500;

    public CustomerRecord {
        recentEventIds = recentEventIds == null ? List.of() : List.copyOf(recentEventIds);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        openTaskIds = openTaskIds == null ? List.of() : List.copyOf(openTaskIds);
        unsent = unsent == null ? List.of() : List.copyOf(unsent);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static CustomerRecord initial(String customerId) {
        return new CustomerRecord(customerId, MemberState.initial(customerId), 0, null, null, null,
                List.of(), List.of(), null, List.of(), 0, List.of(), null, List.of());
    }

    public boolean hasApplied(String eventId) {
        return recentEventIds.contains(eventId);
    }

    /** True while a side effect keeps failing, a problem is open or a support task is open. */
    public boolean needsAttention() {
        return lastFailure != null || !openTaskIds.isEmpty() || !problems.isEmpty();
    }

    /** Why the customer needs attention, in one sentence for support; null when nothing does. */
    public @Nullable String attentionReason() {
        if (!problems.isEmpty()) {
            return problems.get(0).summary();
        }
        if (lastFailure != null) {
            return "A change at Circle or Kit failed: " + lastFailure;
        }
        return openTaskIds.isEmpty() ? null : "A support task is open.";
    }

    public CustomerRecord withProblems(List<OpenProblem> next) {
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, lastFailure, openTaskIds, seq, unsent, appliedEmail, next);
    }

    /** This record after applying one more event (Stripe created time in epoch seconds). */
    public CustomerRecord recording(String eventId, String type, long created, MemberState next) {
        List<String> ids = new ArrayList<>(recentEventIds);
        ids.add(eventId);
        if (ids.size() > RECENT_EVENT_IDS) {
            ids = ids.subList(ids.size() - RECENT_EVENT_IDS, ids.size());
        }
        return new CustomerRecord(customerId, next, eventsApplied + 1, eventId, type, created, ids, timeline,
                lastFailure, openTaskIds, seq, unsent, appliedEmail, problems);
    }

    public CustomerRecord withMember(MemberState next) {
        return new CustomerRecord(customerId, next, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, lastFailure, openTaskIds, seq, unsent, appliedEmail, problems);
    }

    public CustomerRecord withFailure(@Nullable String failure) {
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, failure, openTaskIds, seq, unsent, appliedEmail, problems);
    }

    public CustomerRecord withOpenTask(long taskId) {
        if (openTaskIds.contains(taskId)) {
            return this;
        }
        List<Long> ids = new ArrayList<>(openTaskIds);
        ids.add(taskId);
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, lastFailure, ids, seq, unsent, appliedEmail, problems);
    }

    public CustomerRecord withoutOpenTask(long taskId) {
        List<Long> ids = new ArrayList<>(openTaskIds);
        ids.remove(Long.valueOf(taskId));
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, lastFailure, ids, seq, unsent, appliedEmail, problems);
    }

    /** Adds a timeline entry by memberflow about the last event (newest first). */
    public CustomerRecord noting(long atMillis, String kind, String text) {
        return noting(atMillis, kind, "memberflow", lastEventId, text);
    }

    public CustomerRecord noting(long atMillis, String kind, String actor, @Nullable String eventId, String text) {
        TimelineEntry entry = new TimelineEntry(seq + 1, atMillis, kind, actor, eventId, text);
        List<TimelineEntry> entries = new ArrayList<>(TIMELINE_SIZE + 1);
        entries.add(entry);
        entries.addAll(timeline.subList(0, Math.min(timeline.size(), TIMELINE_SIZE - 1)));
        List<TimelineEntry> pending = new ArrayList<>(unsent);
        pending.add(entry);
        if (pending.size() > UNSENT_LIMIT) {
            pending = pending.subList(pending.size() - UNSENT_LIMIT, pending.size());
        }
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, entries, lastFailure, openTaskIds, seq + 1, pending, appliedEmail, problems);
    }

    public CustomerRecord withAppliedEmail(@Nullable String email) {
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, lastFailure, openTaskIds, seq, unsent, email, problems);
    }

    /** After the audit trail received every entry up to {@code sentSeq}. */
    public CustomerRecord sentUpTo(long sentSeq) {
        List<TimelineEntry> pending = unsent.stream().filter(e -> e.seq() > sentSeq).toList();
        return new CustomerRecord(customerId, member, eventsApplied, lastEventId, lastEventType, lastEventAt,
                recentEventIds, timeline, lastFailure, openTaskIds, seq, pending, appliedEmail, problems);
    }
}
