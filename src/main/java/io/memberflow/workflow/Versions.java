package io.memberflow.workflow;

import io.temporal.workflow.Workflow;

/**
 * The behaviour versions a run of {@link CustomerLoop} decides with, asked once on its first pass and never changed
 * afterwards. The calls are part of every history, in this order: {@value #LEAN_TASKS}, {@value #CHARGE_FACTS},
 * {@value #SHARED_ADDRESS}, {@value #LEADING_EDGE_READ}. Runs of {@link LegacyLoop} ask none of them ({@link #NONE}).
 * Versions asked only where a change is first reached ({@code email-change}, {@code drift-repair},
 * {@code settings-read}, {@code billing-read-signal}) stay at that place: a run that never reaches it records nothing.
 *
 * @param leanTasks       the read after a burst is a local activity that waits the debounce itself; the projection is
 *                        written by a local activity in the task that changed the record
 * @param chargeFacts     refunds matched by charge, one-off purchases, a customer Stripe answers 404 for is flagged
 * @param sharedAddress   removals keep what other customers of the same e-mail address require ({@link AddressGuard})
 * @param leadingEdgeRead the first read of a burst does not wait the debounce ({@link BillingReads})
 */
record Versions(boolean leanTasks, boolean chargeFacts, boolean sharedAddress, boolean leadingEdgeRead) {
    /**
     * Version marker: 1 = fewer workflow tasks per burst. The read's debounce is waited in the read activity, not a
     * timer, and the projection is written by a local activity in the task that changed the record.
     */
    static final String LEAN_TASKS = "lean-tasks";
    /**
     * Version marker: 1 = payments and refunds matched by charge ({@code EntitlementMachine#withChargeFacts}: refunds of
     * the charge just paid, $0 new purchases, one-off purchases) and a customer Stripe answers 404 for is flagged.
     */
    static final String CHARGE_FACTS = "charge-facts";
    /** Version marker: 1 = a revoke or an untag keeps what another customer of the address requires. */
    static final String SHARED_ADDRESS = "shared-address";
    /**
     * Version marker: 1 = the first read of a burst reads at once (Stripe has made the change before it sends the event
     * that reports it); only a read asked for within the debounce of the previous one waits the debounce first.
     */
    static final String LEADING_EDGE_READ = "leading-edge-read";

    /** What runs before {@code billing-truth} decide with: none of these changes. */
    static final Versions NONE = new Versions(false, false, false, false);

    /** Asks the four versions, in the order every history of the current loop holds them. */
    static Versions ask() {
        boolean leanTasks = Workflow.getVersion(LEAN_TASKS, Workflow.DEFAULT_VERSION, 1) >= 1;
        boolean chargeFacts = Workflow.getVersion(CHARGE_FACTS, Workflow.DEFAULT_VERSION, 1) >= 1;
        boolean sharedAddress = Workflow.getVersion(SHARED_ADDRESS, Workflow.DEFAULT_VERSION, 1) >= 1;
        boolean leadingEdgeRead = Workflow.getVersion(LEADING_EDGE_READ, Workflow.DEFAULT_VERSION, 1) >= 1;
        return new Versions(leanTasks, chargeFacts, sharedAddress, leadingEdgeRead);
    }
}
