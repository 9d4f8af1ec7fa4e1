package io.memberflow.config;

import io.memberflow.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * memberflow's sessions commit synchronously even on a server whose default is off: the test database runs with
 * {@code synchronous_commit=off} and {@code fsync=off}, like an external PostgreSQL someone tuned for speed.
 */
class DatabaseDurabilityTest {

    private static String sessionSetting(ApplicationContext ctx) throws Exception {
        DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
        try (Connection c = ds.getConnection(); ResultSet r = c.createStatement().executeQuery("SHOW synchronous_commit")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void givenAServerWhoseDefaultIsOff_thenEveryPooledSessionCommitsSynchronously() throws Exception {
        try (ApplicationContext ctx = ApplicationContext.run(TestDatabase.properties(), "test")) {
            assertThat(sessionSetting(ctx)).isEqualTo("on");
            DatabaseDurability durability = ctx.getBean(DatabaseDurability.class);
            assertThat(durability.settings()).contains("synchronous_commit=on").contains("fsync=off");
            assertThat(durability.durable()).as("fsync is off on this server: the promise is not kept, and it says so").isFalse();
        }
    }

    @Test
    void givenTheMeasuringSwitch_thenSessionsFollowIt() throws Exception {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("datasources.default.connection-init-sql", "SET synchronous_commit = off");
        try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
            assertThat(sessionSetting(ctx)).isEqualTo("off");
        }
    }
}
