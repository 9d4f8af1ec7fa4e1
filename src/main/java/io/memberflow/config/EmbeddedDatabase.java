package io.memberflow.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The embedded PostgreSQL used when no database is configured: real PostgreSQL binaries from Maven
 * Central, with the data directory kept on disk so members survive a restart.
 * <p>
 * It listens on 127.0.0.1 only, has no Unix socket, and asks for a password (SCRAM-SHA-256). The password is
 * generated once per data directory and kept beside it in {@code <dataDir>.password}, readable by its owner only
 * (see {@link EmbeddedDatabasePassword}). A data directory made by an older memberflow (trusting every local
 * connection) is moved over on its first start: the password is set over the old trust connection, then
 * {@code pg_hba.conf} is rewritten and reloaded.
 * <p>
 * <b>Durable by default.</b> The library starts PostgreSQL with {@code -F} (fsync off) and {@code
 * synchronous_commit=off}; memberflow overrides both ({@code -c fsync=on}, given after {@code -F}, wins) and sets
 * {@code full_page_writes=on}, so a commit returns only once its WAL record is flushed to disk: the webhook's 200
 * ({@code "recorded"}) survives a crash of the JVM, of PostgreSQL, or of the machine. The settings are read back
 * after start and a server that does not have them is refused. {@link Durability#UNSAFE} (the old settings) exists
 * for the test suite's throw-away databases and for measuring what durability costs ({@code MEMBERFLOW_DURABLE_ACK=false}).
 * <p>
 * <b>One owner.</b> The data directory is locked for this process's life ({@link DataDirectoryLock}): a directory a
 * live memberflow holds is refused with a message naming its pid; a PostgreSQL left running by a memberflow that died
 * ({@code kill -9} of the JVM leaves it) is stopped first ({@link OrphanedPostgres}), so the restart takes seconds.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String USER = "postgres";
    static final String HBA = """
            # Written by memberflow: password (SCRAM-SHA-256) over TCP on the loopback address; nothing else.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /** How commits reach the disk. */
    public enum Durability {
        /** fsync, synchronous commit and full-page writes on: a committed row survives any crash. */
        DURABLE,
        /** fsync and synchronous commit off (the library's defaults): fast, and a crash may lose the last commits. */
        UNSAFE
    }

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;
    private final DataDirectoryLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, String password, DataDirectoryLock lock) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
        this.lock = lock;
    }

    /** Starts a durable PostgreSQL with its data under {@code dataDir} (created if absent, kept on close). */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, Durability.DURABLE);
    }

    /**
     * Starts PostgreSQL with its data under {@code dataDir} (created if absent, kept on close).
     *
     * @throws DataDirectoryInUseException when a live process holds the directory
     */
    public static EmbeddedDatabase start(Path dataDir, Durability durability) {
        DataDirectoryLock lock = null;
        try {
            Files.createDirectories(dataDir);
            lock = DataDirectoryLock.acquire(dataDir);
            OrphanedPostgres.clear(dataDir);
            EmbeddedDatabase db = startLocked(dataDir, durability, lock);
            lock = null;
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static EmbeddedDatabase startLocked(Path dataDir, Durability durability, DataDirectoryLock lock) throws IOException {
        EmbeddedDatabasePassword secret = EmbeddedDatabasePassword.beside(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean legacy = !fresh && !secret.exists();
        String password = legacy ? EmbeddedDatabasePassword.generate() : secret.readOrCreate();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("fsync", durability == Durability.DURABLE ? "on" : "off")
                .setServerConfig("synchronous_commit", durability == Durability.DURABLE ? "on" : "off")
                .setServerConfig("full_page_writes", "on")
                // crash recovery (WAL replay after a kill) may take longer than the library's 10 s default
                .setPGStartupWait(Duration.ofSeconds(60))
                // initdb options: zonky passes these as --key=value after its own "-A trust".
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", secret.file().toAbsolutePath().toString());
        if (!legacy) {
            builder.setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
        }
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir, password, lock);
        if (legacy) {
            db.migrateFromTrust(secret);
        }
        String settings = db.checkDurability(durability);
        LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} (password in {}, no Unix socket) with data in {}; {}",
                pg.getPort(), secret.file().toAbsolutePath(), dataDir.toAbsolutePath(), settings);
        return db;
    }

    /** Reads the settings back: a durable database that does not flush its commits is not started. */
    private String checkDurability(Durability durability) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('full_page_writes')")) {
            r.next();
            String settings = "fsync=" + r.getString(1) + ", synchronous_commit=" + r.getString(2)
                    + ", full_page_writes=" + r.getString(3);
            boolean flushed = "on".equals(r.getString(1)) && "on".equals(r.getString(2)) && "on".equals(r.getString(3));
            if (durability == Durability.DURABLE && !flushed) {
                close();
                throw new IllegalStateException("The embedded PostgreSQL did not take the durable settings (" + settings + ")");
            }
            return settings;
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Could not read the embedded PostgreSQL's settings: " + e.getMessage(), e);
        }
    }

    /** An older data directory trusted every local connection: give the user a password, then demand it. */
    private void migrateFromTrust(EmbeddedDatabasePassword secret) throws IOException {
        LOG.warn("The embedded PostgreSQL data in {} has no password yet: setting one and turning off trust authentication",
                dataDir.toAbsolutePath());
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, "");
             Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
            secret.write(password);
            writeHba(dataDir);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set a password on the embedded PostgreSQL in "
                    + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void writeHba(Path dir) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write pg_hba.conf in " + dir, e);
        }
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /** Micronaut properties that point the default datasource at this database. */
    public Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", USER,
                "datasources.default.password", password);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The PostgreSQL server's pid (its {@code postmaster.pid}), or -1. */
    public long serverPid() {
        return OrphanedPostgres.pidIn(dataDir.resolve("postmaster.pid")).orElse(-1L);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            lock.close();
        }
    }
}
