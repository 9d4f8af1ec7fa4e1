package io.memberflow.temporal;

import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.LocalActivitySlotInfo;
import io.temporal.worker.tuning.NexusSlotInfo;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.WorkerTuner;
import io.temporal.worker.tuning.WorkflowSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The customers' worker's slots under a {@link StartUpRamp}: workflow tasks and local activities open gradually,
 * activities (and Nexus, unused) have their fixed size. {@link #start} begins the ramp's clock, a daemon thread
 * that opens what is due every 100 ms and ends once both kinds are fully open.
 */
final class RampedTuner implements WorkerTuner {
    private static final Logger LOG = LoggerFactory.getLogger(RampedTuner.class);
    private static final int NEXUS_SLOTS = 200; // none are used; the SDK's default

    private final StartUpRamp ramp;
    private final LongSupplier nanos;
    private final long startNanos;
    private final RampingSlotSupplier<WorkflowSlotInfo> workflowTasks;
    private final RampingSlotSupplier<LocalActivitySlotInfo> localActivities;
    private final FixedSizeSlotSupplier<ActivitySlotInfo> activities;
    private final FixedSizeSlotSupplier<NexusSlotInfo> nexus = new FixedSizeSlotSupplier<>(NEXUS_SLOTS);

    RampedTuner(StartUpRamp ramp, int maxWorkflowTasks, int maxActivities, LongSupplier nanos) {
        this.ramp = ramp;
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
        this.workflowTasks = new RampingSlotSupplier<>(ramp.openAt(maxWorkflowTasks, Duration.ZERO), maxWorkflowTasks);
        this.localActivities = new RampingSlotSupplier<>(ramp.openAt(StartUpRamp.LOCAL_ACTIVITY_SLOTS, Duration.ZERO),
                StartUpRamp.LOCAL_ACTIVITY_SLOTS);
        this.activities = new FixedSizeSlotSupplier<>(maxActivities);
    }

    /** A tuner whose ramp runs from now, on the system clock. */
    static RampedTuner start(StartUpRamp ramp, int maxWorkflowTasks, int maxActivities) {
        RampedTuner tuner = new RampedTuner(ramp, maxWorkflowTasks, maxActivities, System::nanoTime);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memberflow-start-up-ramp");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(() -> {
            if (tuner.tick()) {
                LOG.info("Customer worker fully open: {} workflow tasks, {} local activities at once",
                        tuner.workflowTasks.open(), tuner.localActivities.open());
                clock.shutdown();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        LOG.info("Customer worker opening gradually over {}: {} workflow tasks and {} local activities at once at first",
                ramp.ramp(), tuner.workflowTasks.open(), tuner.localActivities.open());
        return tuner;
    }

    /** Opens the slots due by now; true once both kinds are fully open. */
    boolean tick() {
        Duration elapsed = Duration.ofNanos(nanos.getAsLong() - startNanos);
        workflowTasks.openTo(ramp.openAt(workflowTasks.getMaximumSlots().orElseThrow(), elapsed));
        localActivities.openTo(ramp.openAt(localActivities.getMaximumSlots().orElseThrow(), elapsed));
        return workflowTasks.fullyOpen() && localActivities.fullyOpen();
    }

    int openWorkflowTasks() {
        return workflowTasks.open();
    }

    int openLocalActivities() {
        return localActivities.open();
    }

    @Override
    public SlotSupplier<WorkflowSlotInfo> getWorkflowTaskSlotSupplier() {
        return workflowTasks;
    }

    @Override
    public SlotSupplier<ActivitySlotInfo> getActivityTaskSlotSupplier() {
        return activities;
    }

    @Override
    public SlotSupplier<LocalActivitySlotInfo> getLocalActivitySlotSupplier() {
        return localActivities;
    }

    @Override
    public SlotSupplier<NexusSlotInfo> getNexusSlotSupplier() {
        return nexus;
    }
}
