package io.memberflow.config;

import java.nio.file.Path;

/** The embedded PostgreSQL's data directory belongs to a running memberflow: starting a second one on it is refused. */
public final class DataDirectoryInUseException extends IllegalStateException {
    DataDirectoryInUseException(Path dataDir, Path lockFile, String pid) {
        super("The embedded PostgreSQL data in " + dataDir.toAbsolutePath() + " is in use by another running memberflow"
                + " (pid " + pid + ", holding " + lockFile + "). Stop that process first, or give this one its own"
                + " MEMBERFLOW_DATA_DIR.");
    }
}
