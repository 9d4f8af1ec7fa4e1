package io.memberflow.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;

/** Produces the Temporal connection: a real cluster when TEMPORAL_ADDRESS is set, else the in-process test server. */
@Factory
public class TemporalFactory {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalFactory.class);

    /** The in-process Temporal test server, or nothing when a real cluster is configured. */
    public record EmbeddedTemporal(Closeable server, WorkflowServiceStubsOptions stubsOptions) { }

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties) {
        if (!properties.embedded()) {
            LOG.info("Connecting to Temporal at {} (namespace {})", properties.address(), properties.namespaceOrDefault());
            return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(properties.address())
                    .build());
        }
        int port = properties.embeddedPortOrDefault();
        if (port > 0) {
            TestServer.createPortBoundServer(port);
            LOG.warn("TEMPORAL_ADDRESS is not set: started the in-process Temporal test server on 127.0.0.1:{}. "
                    + "It keeps nothing across restarts and has no visibility API (the Temporal UI cannot list workflows on it); "
                    + "`temporal workflow query/signal --address 127.0.0.1:{}` work.", port, port);
            return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget("127.0.0.1:" + port)
                    .build());
        }
        TestServer.InProcessTestServer server = TestServer.createServer(true);
        LOG.info("Using an in-memory Temporal test server");
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setChannel(server.getChannel())
                .build());
    }

    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties properties) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(properties.namespaceOrDefault())
                .build());
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkerFactory workerFactory(WorkflowClient client) {
        return WorkerFactory.newInstance(client);
    }
}
