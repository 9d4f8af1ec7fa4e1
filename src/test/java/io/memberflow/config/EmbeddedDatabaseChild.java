package io.memberflow.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A memberflow stand-in for {@link EmbeddedDatabaseCrashTest}: another JVM that starts the embedded PostgreSQL on the
 * given data directory, commits one row, prints {@code READY <postgres pid>} and waits to be killed.
 */
public final class EmbeddedDatabaseChild {
    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        var props = db.datasourceProperties();
        try (Connection c = DriverManager.getConnection(String.valueOf(props.get("datasources.default.url")), "postgres",
                String.valueOf(props.get("datasources.default.password")))) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS kept (id int); INSERT INTO kept VALUES (7)");
        }
        System.out.println("READY " + db.serverPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
