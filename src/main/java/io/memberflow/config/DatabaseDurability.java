package io.memberflow.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Says at start-up whether the database keeps memberflow's promise that a 200 means the event is on disk. Every
 * connection of the pool sets {@code synchronous_commit = on} itself ({@code datasources.default.connection-init-sql}
 * in application.yml), so a server whose default was changed to {@code off} cannot weaken it; but {@code fsync} and
 * {@code full_page_writes} are the server's alone: when either is off, a crash of the database host can lose
 * acknowledged events, and this logs an error saying so (it does not stop the service: the operator may know better,
 * e.g. storage that makes writes durable by itself).
 */
@Context
public class DatabaseDurability {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseDurability.class);
    private final String settings;
    private final boolean durable;

    public DatabaseDurability(DataSource dataSource) {
        String read;
        boolean ok;
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('fsync'), current_setting('full_page_writes'),"
                     + " current_setting('synchronous_commit')")) {
            r.next();
            read = "fsync=" + r.getString(1) + ", full_page_writes=" + r.getString(2) + ", synchronous_commit=" + r.getString(3)
                    + " (this session)";
            // local, remote_write and remote_apply all wait for the local flush; only off does not
            ok = "on".equals(r.getString(1)) && "on".equals(r.getString(2)) && !"off".equals(r.getString(3));
        } catch (SQLException e) {
            read = "unknown (" + e.getMessage() + ")";
            ok = false;
        }
        this.settings = read;
        this.durable = ok;
        if (ok) {
            LOG.info("Database durability: {}: an acknowledged webhook is on disk", read);
        } else {
            LOG.warn("Database durability: {}: a crash of the database host can lose webhooks already answered 200;"
                    + " set fsync = on and full_page_writes = on (see docs/intake.md, 'What a 200 means')", read);
        }
    }

    /** What the database said, e.g. {@code fsync=on, full_page_writes=on, synchronous_commit=on (this session)}. */
    public String settings() {
        return settings;
    }

    /** True when a commit this process makes is flushed to the server's disk before it returns. */
    public boolean durable() {
        return durable;
    }
}
