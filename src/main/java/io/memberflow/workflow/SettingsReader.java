package io.memberflow.workflow;

import io.temporal.workflow.Workflow;

import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The engine settings a loop pass works with. Version {@value #SETTINGS_READ} = 1: read through
 * {@code Workflow.sideEffect} (one marker, always replayed the same way) on the run's first pass and then on the
 * first pass at least {@value #REFRESH_MILLIS} ms of workflow time after the last read, so a configuration change
 * reaches a running customer with its next event a minute or more later. Runs that started before it keep the
 * {@code mutableSideEffect} they recorded with: temporal-sdk 1.38 can replay a task whose only command was a skipped
 * mutableSideEffect into an unnamed RecordMarker command that every server refuses, which left such a workflow stuck
 * after it was evicted from the worker's cache (DriftRepairAfterEvictionTest).
 */
final class SettingsReader {
    static final String SETTINGS_READ = "settings-read";
    static final long REFRESH_MILLIS = 60_000;

    private final Supplier<EngineSettings> source;
    private final BiPredicate<EngineSettings, EngineSettings> legacyUpdated;
    private EngineSettings current;
    private long readAt;

    /** @param legacyUpdated the mutableSideEffect predicate the runs before this version were recorded with */
    SettingsReader(Supplier<EngineSettings> source, BiPredicate<EngineSettings, EngineSettings> legacyUpdated) {
        this.source = source;
        this.legacyUpdated = legacyUpdated;
    }

    EngineSettings get() {
        if (Workflow.getVersion(SETTINGS_READ, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return Workflow.mutableSideEffect("engine-settings", EngineSettings.class, legacyUpdated, source::get);
        }
        long now = Workflow.currentTimeMillis();
        if (current == null || now - readAt >= REFRESH_MILLIS) {
            current = Workflow.sideEffect(EngineSettings.class, source::get);
            readAt = now;
        }
        return current;
    }
}
