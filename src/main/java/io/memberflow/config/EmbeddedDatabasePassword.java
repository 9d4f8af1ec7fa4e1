package io.memberflow.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The embedded PostgreSQL's password: one per data directory, kept beside it in a file only its owner can read. */
final class EmbeddedDatabasePassword {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;

    private EmbeddedDatabasePassword(Path file) {
        this.file = file;
    }

    /** {@code ./data/postgres} keeps its password in {@code ./data/postgres.password}. */
    static EmbeddedDatabasePassword beside(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return new EmbeddedDatabasePassword(absolute.resolveSibling(absolute.getFileName() + ".password"));
    }

    /** 32 random bytes, URL-safe Base64: nothing that needs quoting in SQL or a connection string. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    String readOrCreate() throws IOException {
        if (exists()) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String password = generate();
        write(password);
        return password;
    }

    /** Writes through a temporary file created owner-only (rw-------), then moves it into place. */
    void write(String password) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
