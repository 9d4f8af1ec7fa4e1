package io.memberflow.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.domain.BillingEvent;
import jakarta.inject.Singleton;

/**
 * The inbox's {@code normalized} column: a {@link BillingEvent} as JSON (Micronaut's Jackson mapper), written when an
 * event is recorded or its parked customer found, read when the relay claims it.
 */
@Singleton
class EventJson {
    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(BillingEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    BillingEvent read(String json) {
        try {
            return mapper.readValue(json, BillingEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox row holds an unreadable event", e);
        }
    }
}
