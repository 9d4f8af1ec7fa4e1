package io.memberflow.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** How an activity's failure reads in the timeline, the admin view and support tasks. */
final class Failures {
    private Failures() {
    }

    /** The activity's own message (e.g. {@code HTTP 403 … check CIRCLE_API_TOKEN}), without Temporal's wrapping. */
    static String reason(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app) {
            return app.getOriginalMessage();
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }
}
