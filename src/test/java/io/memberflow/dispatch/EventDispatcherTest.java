package io.memberflow.dispatch;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventDispatcherTest {

    @Test
    void givenTemporalUnreachableOrOverloaded_thenTheDispatcherPauses() {
        assertThat(EventDispatcher.unreachable(new StatusRuntimeException(Status.UNAVAILABLE))).isTrue();
        assertThat(EventDispatcher.unreachable(new RuntimeException("wrapped",
                new StatusRuntimeException(Status.DEADLINE_EXCEEDED)))).isTrue();
        assertThat(EventDispatcher.unreachable(new StatusRuntimeException(Status.RESOURCE_EXHAUSTED))).isTrue();
    }

    @Test
    void givenAnErrorAboutOneEvent_thenTheDispatcherKeepsDeliveringTheOthers() {
        assertThat(EventDispatcher.unreachable(new StatusRuntimeException(Status.ALREADY_EXISTS))).isFalse();
        assertThat(EventDispatcher.unreachable(new IllegalStateException("bad payload"))).isFalse();
    }
}
