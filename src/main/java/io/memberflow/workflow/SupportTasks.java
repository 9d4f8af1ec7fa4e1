package io.memberflow.workflow;

import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.util.Map;

/**
 * Opens and resolves the support tasks of one customer from inside the workflow, keeping the record's open task ids
 * and timeline in step. A task that cannot be opened or resolved is noted in the timeline, never thrown.
 */
final class SupportTasks {
    private final WorkflowContext ctx;
    private final SupportActivities support;

    SupportTasks(WorkflowContext ctx, ActivityPolicies policies) {
        this.ctx = ctx;
        this.support = Workflow.newActivityStub(SupportActivities.class, policies.support());
    }

    /**
     * Opens (or, when one is open, updates) the support task of key {@code <customer>:<kind>:<subject>}: one open
     * task per customer and problem, however often it recurs. Returns its id, or null when it could not be opened.
     */
    Long open(String kind, String subject, String causeEventId, String summary, Map<String, String> context) {
        String key = ctx.record.customerId() + ":" + kind + (subject == null ? "" : ":" + subject);
        try {
            long id = support.openTask(new SupportTaskInput(key, ctx.record.customerId(), kind, causeEventId, summary, context));
            boolean known = ctx.record.openTaskIds().contains(id);
            ctx.record = ctx.record.withOpenTask(id);
            if (!known) {
                ctx.record = ctx.record.noting(Workflow.currentTimeMillis(), "support", "task " + id + " (" + kind + ") open");
            }
            return id;
        } catch (ActivityFailure failure) {
            ctx.record = ctx.record.noting(Workflow.currentTimeMillis(), "failure",
                    "could not open a " + kind + " support task: " + Failures.reason(failure));
            return null;
        }
    }

    /** Marks a support task resolved (the activity is idempotent) and stops counting it as open. */
    void resolve(long taskId, String actor, String reason) {
        try {
            support.resolveTask(taskId, actor, reason);
            ctx.record = ctx.record.withoutOpenTask(taskId);
        } catch (ActivityFailure failure) {
            ctx.record = ctx.record.noting(Workflow.currentTimeMillis(), "failure",
                    "could not resolve support task " + taskId + ": " + Failures.reason(failure));
        }
    }
}
