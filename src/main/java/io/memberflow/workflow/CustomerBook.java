package io.memberflow.workflow;

import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one owner of a workflow run's {@link CustomerRecord}: the main loop and the marketing lane (one thread at a
 * time) change it only through here, as a whole new record, so the {@code state} query and continue-as-new always see
 * a consistent one. The customer's support tasks are opened and resolved here too, keeping the record's open task
 * ids and timeline in step with them; a task that cannot be opened or resolved is noted in the timeline, never thrown.
 */
final class CustomerBook {
    private final SupportActivities support;
    private CustomerRecord record;

    CustomerBook(CustomerRecord record, ActivityPolicies policies) {
        this.record = record;
        this.support = Workflow.newActivityStub(SupportActivities.class, policies.support());
    }

    CustomerRecord record() {
        return record;
    }

    /** Replaces the record by {@code change} of it: a pure function of the record, so no commands inside. */
    void change(UnaryOperator<CustomerRecord> change) {
        record = change.apply(record);
    }

    /** Adds a timeline entry by memberflow about the last event. */
    void note(long atMillis, String kind, String text) {
        record = record.noting(atMillis, kind, text);
    }

    /** Adds a timeline entry by {@code actor} about {@code eventId} (null: none). */
    void note(long atMillis, String kind, String actor, String eventId, String text) {
        record = record.noting(atMillis, kind, actor, eventId, text);
    }

    /**
     * Opens (or, when one is open, updates) the support task of key {@code <customer>:<kind>:<subject>}: one open
     * task per customer and problem, however often it recurs (the activity is idempotent on that key). Returns its
     * id, or null when it could not be opened.
     */
    Long openTask(String kind, String subject, String causeEventId, String summary, Map<String, String> context) {
        String key = record.customerId() + ":" + kind + (subject == null ? "" : ":" + subject);
        try {
            long id = support.openTask(new SupportTaskInput(key, record.customerId(), kind, causeEventId, summary, context));
            boolean known = record.openTaskIds().contains(id);
            record = record.withOpenTask(id);
            if (!known) {
                record = record.noting(Workflow.currentTimeMillis(), "support", "task " + id + " (" + kind + ") open");
            }
            return id;
        } catch (ActivityFailure failure) {
            record = record.noting(Workflow.currentTimeMillis(), "failure",
                    "could not open a " + kind + " support task: " + Failures.reason(failure));
            return null;
        }
    }

    /** Marks a support task resolved (the activity is idempotent) and stops counting it as open. */
    void resolveTask(long taskId, String actor, String reason) {
        try {
            support.resolveTask(taskId, actor, reason);
            record = record.withoutOpenTask(taskId);
        } catch (ActivityFailure failure) {
            record = record.noting(Workflow.currentTimeMillis(), "failure",
                    "could not resolve support task " + taskId + ": " + Failures.reason(failure));
        }
    }
}
