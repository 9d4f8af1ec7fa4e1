package io.memberflow.temporal;

import io.temporal.worker.tuning.LocalActivitySlotInfo;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotSupplierFuture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Slots that open gradually: a reservation waits while every open slot is taken, and no slot is ever lost. */
class RampingSlotSupplierTest {

    private final RampingSlotSupplier<LocalActivitySlotInfo> slots = new RampingSlotSupplier<>(2, 5);

    @Test
    void givenTwoOpenSlots_whenThreeAreReserved_thenTheThirdWaitsUntilOneIsReleased() {
        SlotSupplierFuture first = slots.reserveSlot(null);
        SlotSupplierFuture second = slots.reserveSlot(null);
        SlotSupplierFuture third = slots.reserveSlot(null);

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(slots.tryReserveSlot(null)).isEmpty();

        slots.releaseSlot(null);
        assertThat(third).isCompleted();
        assertThat(third.join()).isInstanceOf(SlotPermit.class);
    }

    @Test
    void givenWaitingReservations_whenSlotsOpen_thenTheOldestAreServedFirstAndNeverMoreThanTheMaximum() {
        List<SlotSupplierFuture> reservations = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            reservations.add(slots.reserveSlot(null));
        }
        assertThat(reservations).filteredOn(SlotSupplierFuture::isDone).hasSize(2);

        slots.openTo(4);
        assertThat(reservations.subList(0, 4)).allMatch(SlotSupplierFuture::isDone);
        assertThat(reservations.subList(4, 7)).noneMatch(SlotSupplierFuture::isDone);

        slots.openTo(100); // capped at 5
        assertThat(slots.open()).isEqualTo(5);
        assertThat(slots.fullyOpen()).isTrue();
        assertThat(reservations).filteredOn(SlotSupplierFuture::isDone).hasSize(5);

        slots.openTo(3); // never closes again
        assertThat(slots.open()).isEqualTo(5);
    }

    @Test
    void givenOpenSlotsNobodyWaitsFor_thenTheyCanBeTakenWithoutWaiting() {
        slots.openTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(slots.tryReserveSlot(null)).isPresent();
        }
        assertThat(slots.tryReserveSlot(null)).isEmpty();
        slots.releaseSlot(null);
        assertThat(slots.tryReserveSlot(null)).isPresent();
    }

    @Test
    void givenAnAbortedWaitingReservation_thenTheNextReleasedSlotGoesToTheNextOneInLine() {
        slots.reserveSlot(null);
        slots.reserveSlot(null);
        SlotSupplierFuture abandoned = slots.reserveSlot(null);
        SlotSupplierFuture next = slots.reserveSlot(null);

        assertThat(abandoned.abortReservation()).isNull();
        slots.releaseSlot(null);

        assertThat(next).isCompleted();
        assertThat(slots.tryReserveSlot(null)).isEmpty();
    }

    @Test
    void givenAReservationServedBeforeItsAbortReturned_thenTheAbortHandsBackThePermit() {
        slots.reserveSlot(null);
        slots.reserveSlot(null);
        SlotSupplierFuture served = slots.reserveSlot(null);
        slots.releaseSlot(null);

        // it was served: aborting now returns the permit, which the SDK then releases like any other
        assertThat(served.abortReservation()).isNotNull();
    }

    @Test
    void givenNoSlotAtFirstOrMoreThanTheMaximum_thenItIsRefused() {
        assertThatThrownBy(() -> new RampingSlotSupplier<>(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RampingSlotSupplier<>(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RampingSlotSupplier<>(5, 5).getMaximumSlots()).contains(5);
    }
}
