package io.memberflow.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.domain.BillingEvent;
import jakarta.inject.Singleton;

/** The inbox's {@code normalized} column: a {@link BillingEvent} as JSON, written at intake and read by the relay. */
@Singleton
public class EventJson {
    private final ObjectMapper mapper;

    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(BillingEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public BillingEvent read(String json) {
        try {
            return mapper.readValue(json, BillingEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox row holds an unreadable event", e);
        }
    }
}
