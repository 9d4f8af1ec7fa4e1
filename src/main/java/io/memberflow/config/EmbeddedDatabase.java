package io.memberflow.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded PostgreSQL used when no database is configured: real PostgreSQL binaries from Maven
 * Central, with the data directory kept on disk so members survive a restart.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts PostgreSQL with its data under {@code dataDir} (created if absent, kept on close). */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", pg.getPort(), dataDir.toAbsolutePath());
            return new EmbeddedDatabase(pg, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir.toAbsolutePath()
                    + " (is another memberflow using it?)", e);
        }
    }

    /** Micronaut properties that point the default datasource at this database. */
    public Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }

    public Path dataDir() {
        return dataDir;
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
