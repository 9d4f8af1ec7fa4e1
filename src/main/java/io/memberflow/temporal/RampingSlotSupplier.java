package io.memberflow.temporal;

import io.temporal.worker.tuning.SlotMarkUsedContext;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseContext;
import io.temporal.worker.tuning.SlotReserveContext;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.SlotSupplierFuture;
import io.temporal.worker.tuning.SlotInfo;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Slots of one kind (workflow tasks or local activities) that open gradually: {@code initial} at once, more each
 * time {@link #openTo} raises the number of open slots, never beyond {@code max}. A reservation waits (its future
 * stays incomplete) while every open slot is taken; it gets a slot when one is released or opened. Slots never close
 * again. Thread-safe: the worker's pollers and executors reserve and release from many threads, the ramp's clock
 * opens from its own.
 */
final class RampingSlotSupplier<SI extends SlotInfo> implements SlotSupplier<SI> {
    private final int max;
    private final Queue<CompletableFuture<SlotPermit>> waiting = new ArrayDeque<>();
    private int open;
    private int free;

    RampingSlotSupplier(int initial, int max) {
        if (initial < 1 || initial > max) {
            throw new IllegalArgumentException("need 1 <= initial (" + initial + ") <= max (" + max + ")");
        }
        this.max = max;
        this.open = initial;
        this.free = initial;
    }

    /** Raises the number of open slots to {@code slots} (capped at the maximum; never lowers it). */
    void openTo(int slots) {
        int target = Math.min(max, slots);
        synchronized (this) {
            while (open < target) {
                open++;
                hand();
            }
        }
    }

    synchronized int open() {
        return open;
    }

    synchronized boolean fullyOpen() {
        return open == max;
    }

    @Override
    public SlotSupplierFuture reserveSlot(SlotReserveContext<SI> ctx) {
        synchronized (this) {
            if (free > 0) {
                free--;
                return SlotSupplierFuture.completedFuture(new SlotPermit());
            }
            CompletableFuture<SlotPermit> slot = new CompletableFuture<>();
            waiting.add(slot);
            return SlotSupplierFuture.fromCompletableFuture(slot, () -> abandon(slot));
        }
    }

    @Override
    public synchronized Optional<SlotPermit> tryReserveSlot(SlotReserveContext<SI> ctx) {
        if (free == 0) {
            return Optional.empty();
        }
        free--;
        return Optional.of(new SlotPermit());
    }

    @Override
    public void markSlotUsed(SlotMarkUsedContext<SI> ctx) {
    }

    @Override
    public synchronized void releaseSlot(SlotReleaseContext<SI> ctx) {
        hand();
    }

    /** The SDK uses this to size its thread pools: the most slots there will ever be. */
    @Override
    public Optional<Integer> getMaximumSlots() {
        return Optional.of(max);
    }

    /** A slot became free: to the longest waiting reservation still wanting one, else back to the pool. */
    private void hand() {
        CompletableFuture<SlotPermit> next;
        while ((next = waiting.poll()) != null) {
            if (next.complete(new SlotPermit())) {
                return;
            }
        }
        free++;
    }

    /**
     * A reservation given up (the worker shutting down, a poller stopped). Its slot goes back if {@link #hand} had
     * already given it one: the SDK's wrapper was aborted first, so nobody would ever release that slot.
     */
    private synchronized void abandon(CompletableFuture<SlotPermit> slot) {
        if (!waiting.remove(slot) && slot.isDone() && !slot.isCompletedExceptionally()) {
            hand();
        }
    }

    @Override
    public synchronized String toString() {
        return "RampingSlotSupplier{open=" + open + ", max=" + max + "}";
    }
}
