package io.memberflow.workflow;

/**
 * Settings the workflow code reads. They are fixed when the worker starts; changing one changes what
 * replaying workflows decide, so treat a change like a code change.
 *
 * @param continueAsNewAfter history length after which a run continues as new (Temporal suggests it by itself
 *                           well before the 51,200-event limit; this makes it happen earlier and testable)
 */
public record WorkflowSettings(int continueAsNewAfter) {
    public static WorkflowSettings defaults() {
        return new WorkflowSettings(5_000);
    }
}
