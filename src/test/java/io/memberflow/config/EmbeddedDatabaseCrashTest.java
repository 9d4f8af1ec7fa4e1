package io.memberflow.config;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL after a crash, with real processes: another JVM starts it and is then killed with SIGKILL,
 * leaving its PostgreSQL running on its own, as {@code kill -9} of memberflow does.
 */
class EmbeddedDatabaseCrashTest {

    private static Process child(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits for the child's {@code READY <pid>} line; returns the pid of its PostgreSQL. */
    private static long ready(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 120_000;
        for (String line; System.currentTimeMillis() < deadline && (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        throw new AssertionError("the child JVM did not start its database");
    }

    private static String query(EmbeddedDatabase db, String sql) throws SQLException {
        var props = db.datasourceProperties();
        try (Connection c = DriverManager.getConnection(String.valueOf(props.get("datasources.default.url")), "postgres",
                String.valueOf(props.get("datasources.default.password")));
             ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void givenALiveOwner_thenAStartIsRefused_andOnceItIsKilled9_thenTheOrphanIsStoppedAndTheStartTakesSeconds() throws Exception {
        Path dataDir = Files.createTempDirectory("memberflow-crash").resolve("postgres");
        Process owner = child(dataDir);
        long orphanPid;
        try {
            orphanPid = ready(owner);
            assertThat(ProcessHandle.of(orphanPid)).get().matches(ProcessHandle::isAlive);

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir).close())
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("in use by another running memberflow")
                    .hasMessageContaining("pid " + owner.pid())
                    .hasMessageContaining("MEMBERFLOW_DATA_DIR");
            assertThat(ProcessHandle.of(orphanPid)).as("the owner's database is left alone").get().matches(ProcessHandle::isAlive);
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            owner.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(orphanPid)).as("kill -9 of the JVM leaves its PostgreSQL running").get()
                .matches(ProcessHandle::isAlive);

        long t0 = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(took).as("restart after the crash").isLessThan(Duration.ofSeconds(20));
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).as("the orphan is gone").isFalse();
            assertThat(db.serverPid()).isNotEqualTo(orphanPid).isPositive();
            assertThat(query(db, "SELECT string_agg(id::text, ',') FROM kept")).as("what the dead owner committed").isEqualTo("7");
            System.out.printf("restart after kill -9 of the owner: %d ms%n", took.toMillis());
        }
    }

    @Test
    void givenAPidFileNamingALiveProcessThatIsNotItsPostgres_thenItIsStaleAndTheStartGoesAhead() throws Exception {
        Path dataDir = Files.createTempDirectory("memberflow-stale").resolve("postgres");
        EmbeddedDatabase.start(dataDir, EmbeddedDatabase.Durability.UNSAFE).close();
        // As after a crash of the whole machine whose pid was then reused: PostgreSQL alone would refuse to start.
        Files.writeString(dataDir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dataDir + "\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, EmbeddedDatabase.Durability.UNSAFE)) {
            assertThat(query(db, "SELECT 1")).isEqualTo("1");
            assertThat(db.serverPid()).isNotEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void givenTheDefault_thenCommitsAreFlushed_andTheUnsafeModeIsTheLibrarysOld() throws Exception {
        Path dataDir = Files.createTempDirectory("memberflow-durable").resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(db, "SELECT current_setting('fsync')")).isEqualTo("on");
            assertThat(query(db, "SELECT current_setting('synchronous_commit')")).isEqualTo("on");
            assertThat(query(db, "SELECT current_setting('full_page_writes')")).isEqualTo("on");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, EmbeddedDatabase.Durability.UNSAFE)) {
            assertThat(query(db, "SELECT current_setting('fsync')")).isEqualTo("off");
            assertThat(query(db, "SELECT current_setting('synchronous_commit')")).isEqualTo("off");
        }
    }
}
