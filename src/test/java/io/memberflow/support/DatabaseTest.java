package io.memberflow.support;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/** Implemented by @MicronautTest classes that need the shared real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface DatabaseTest extends TestPropertyProvider {
    @Override
    default Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.putAll(extraProperties());
        return properties;
    }

    default Map<String, String> extraProperties() {
        return Map.of();
    }
}
