package io.memberflow.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL demands a password, listens on loopback only and has no Unix socket. */
class EmbeddedDatabaseTest {

    private static String url(EmbeddedDatabase db) {
        return String.valueOf(db.datasourceProperties().get("datasources.default.url"));
    }

    private static String password(EmbeddedDatabase db) {
        return String.valueOf(db.datasourceProperties().get("datasources.default.password"));
    }

    private static int selectOne(String url, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", password);
             ResultSet r = c.createStatement().executeQuery("SELECT 1")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String show(EmbeddedDatabase db, String setting) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(db), "postgres", password(db));
             ResultSet r = c.createStatement().executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void givenANewDataDirectory_thenAConnectionWithoutThePasswordIsRefusedAndWithItWorks() throws Exception {
        Path dataDir = Files.createTempDirectory("memberflow-edb").resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(url(db)).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThatThrownBy(() -> selectOne(url(db), "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> selectOne(url(db), "postgres")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(selectOne(url(db), password(db))).isEqualTo(1);

            Path passwordFile = dataDir.resolveSibling("postgres.password");
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(password(db)).hasSizeGreaterThanOrEqualTo(40);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(Path.of("/tmp/.s.PGSQL." + db.port())).as("no Unix socket in /tmp").doesNotExist();
            assertThat(show(db, "unix_socket_directories")).isEmpty();
            assertThat(show(db, "listen_addresses")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void givenARestart_thenTheSamePasswordIsUsedAgain() throws Exception {
        Path dataDir = Files.createTempDirectory("memberflow-edb").resolve("postgres");
        String first;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            first = password(db);
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(password(db)).isEqualTo(first);
            assertThat(selectOne(url(db), first)).isEqualTo(1);
            assertThatThrownBy(() -> selectOne(url(db), "")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void givenADataDirectoryCreatedWithoutAPassword_thenItStartsAndFromThenOnDemandsOne() throws Exception {
        Path dataDir = Files.createTempDirectory("memberflow-edb").resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start()) {
            try (Connection c = old.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
            }
        }
        assertThat(dataDir.resolveSibling("postgres.password")).doesNotExist();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            Map<String, Object> props = db.datasourceProperties();
            assertThat(dataDir.resolveSibling("postgres.password")).exists();
            assertThatThrownBy(() -> selectOne(url(db), "")).isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(url(db), "postgres", String.valueOf(props.get("datasources.default.password")));
                 ResultSet r = c.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(7);
            }
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertThat(selectOne(url(again), password(again))).isEqualTo(1);
            assertThatThrownBy(() -> selectOne(url(again), "")).isInstanceOf(SQLException.class);
        }
    }
}
