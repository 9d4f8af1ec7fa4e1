package io.memberflow.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The console's overview: what the page shows and {@code GET /admin/overview} answers, from one computation.
 *
 * @param membersByState every state, in lifecycle order, with its count (zero included)
 */
public record Overview(Instant at, Map<String, Long> membersByState, long members, Intake intake,
                       List<Vendor> vendors, List<Attention> attention, List<AdminService.TaskView> openTasks,
                       List<Banner> banners, @io.micronaut.core.annotation.Nullable Drift drift,
                       CircleQuota circleQuota) {

    /**
     * Circle's monthly request quota this month (UTC): requests counted as Circle counts them (every answer but a 5xx)
     * by live grants and revokes and by background work (reconciliation runs); {@code backgroundBudget} is the
     * part background work may spend, {@code backgroundLeft} what it still may; {@code projected} the month's total at
     * the pace so far (null in the month's first hour); {@code configured} false in shadow mode (nothing is spent).
     */
    public record CircleQuota(boolean configured, String month, long used, long live, long background, int quota,
                              long backgroundBudget, long backgroundLeft, Long projected, Instant resetsAt) {
    }

    /**
     * The newest reconciliation run (null when none ever ran): {@code drift} counts customers by kind of drift
     * (kinds with none left out, {@code ok} too), {@code etaSeconds} is set while it runs.
     */
    public record Drift(String runId, String mode, String status, Instant startedAt, Instant finishedAt, int checked,
                        int total, Long etaSeconds, Map<String, Integer> drift, int repairsSent, int tasksOpened,
                        String error) {
    }

    /**
     * Webhook intake.
     *
     * @param eventsPerMinute events received in each of the last 60 minutes, oldest first
     * @param answersSource   where the not-2xx share comes from (this process's count since it started)
     */
    public record Intake(Instant lastReceivedAt, Instant lastDispatchedAt, int[] eventsPerMinute, long eventsLastHour,
                         long relayBacklog, Instant oldestBacklogAt, long parkedCount, List<Parked> parked,
                         long answers, long answersNot2xx, Double answersNot2xxShare, Instant answersSince,
                         String answersSource) {
    }

    /** An event parked as NEEDS_CUSTOMER, and what an operator does about it. */
    public record Parked(String eventId, String eventType, Instant receivedAt, int lookups, String whatToDo) {
    }

    /**
     * One vendor's health.
     *
     * @param source where the figures come from: the audit trail (all processes) or this process's memory
     */
    public record Vendor(String name, boolean configured, boolean shadowMode, Instant lastSuccessAt,
                         Instant lastFailureAt, String lastFailure, long callsLastHour, long failuresLastHour,
                         String source) {
    }

    /** A customer flagged for attention: why, in a sentence, and since when. */
    public record Attention(String customerId, String email, String state, String reason, Instant since) {
    }

    /** Something true of the whole installation. */
    public record Banner(String key, String text) {
    }
}
