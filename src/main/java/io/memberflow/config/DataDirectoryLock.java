package io.memberflow.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who owns an embedded PostgreSQL data directory: an OS file lock on {@code <dataDir>.lock} (beside the directory,
 * like the password file; initdb wants the directory itself empty), held for as long as this JVM runs the database.
 * The kernel drops the lock when the process dies, however it dies ({@code kill -9} included), so a lock that cannot
 * be taken means a live memberflow uses the directory, and a free lock with a running PostgreSQL in the directory
 * means that PostgreSQL was left behind by a dead one. The holder's pid is written into the file for the message.
 */
final class DataDirectoryLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileFor(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws DataDirectoryInUseException when another live process (or this one) holds it
     */
    static DataDirectoryLock acquire(Path dataDir) throws IOException {
        Path file = fileFor(dataDir);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very JVM holds it already
        }
        if (lock == null) {
            channel.close();
            throw new DataDirectoryInUseException(dataDir, file, holder(file));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new DataDirectoryLock(file, channel, lock);
    }

    /** The pid the holder wrote, or "unknown". */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,10}") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, or with the process
        }
    }
}
