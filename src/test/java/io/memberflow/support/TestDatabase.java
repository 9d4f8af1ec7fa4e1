package io.memberflow.support;

import io.memberflow.config.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * One real PostgreSQL (embedded binaries) shared by every test in the JVM, in a fresh temporary folder (its
 * password file sits beside the data directory, inside that folder).
 */
public final class TestDatabase {
    private static EmbeddedDatabase database;

    private TestDatabase() {
    }

    public static synchronized Map<String, Object> properties() {
        if (database == null) {
            try {
                // Throw-away data: the old, unflushed settings keep the suite fast (EmbeddedDatabaseCrashTest covers durability).
                database = EmbeddedDatabase.start(Files.createTempDirectory("memberflow-test-pg").resolve("data"),
                        EmbeddedDatabase.Durability.UNSAFE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        }
        return database.datasourceProperties();
    }

    /** A database of its own, for a test that stops it. */
    public static EmbeddedDatabase startPrivate() {
        try {
            return EmbeddedDatabase.start(Files.createTempDirectory("memberflow-test-pg-private").resolve("data"),
                    EmbeddedDatabase.Durability.UNSAFE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
