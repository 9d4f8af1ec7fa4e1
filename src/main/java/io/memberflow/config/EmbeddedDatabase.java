package io.memberflow.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String USER = "postgres";
    static final String HBA = """
            # Written by memberflow: password (SCRAM-SHA-256) over TCP on the loopback address; nothing else.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    /** Starts PostgreSQL with its data under {@code dataDir} (created if absent, kept on close). */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
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
                    // initdb options: zonky passes these as --key=value after its own "-A trust".
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", secret.file().toAbsolutePath().toString());
            if (!legacy) {
                builder.setConnectConfig("password", password)
                        .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            EmbeddedPostgres pg = builder.start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir, password);
            if (legacy) {
                db.migrateFromTrust(secret);
            }
            LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} (password in {}, no Unix socket) with data in {}",
                    pg.getPort(), secret.file().toAbsolutePath(), dataDir.toAbsolutePath());
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir.toAbsolutePath()
                    + " (is another memberflow using it?)", e);
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

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
