package io.memberflow.temporal;

import io.memberflow.config.TemporalProperties;
import io.memberflow.activities.VendorFailures;
import io.memberflow.workflow.ActivityPolicies;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.common.RetryOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.time.Duration;

/** Produces the Temporal connection: a real cluster when TEMPORAL_ADDRESS is set, else the in-process test server. */
@Factory
public class TemporalFactory {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalFactory.class);

    /** The in-process Temporal test server, or nothing when a real cluster is configured. */
    public record EmbeddedTemporal(Closeable server, WorkflowServiceStubsOptions stubsOptions) { }

    /** Temporal SDK metrics (workflow/activity task latency, failures, polls) reported into Micrometer every 10 s. */
    @Singleton
    @Bean(preDestroy = "close")
    Scope temporalMetricsScope(MeterRegistry registry) {
        return new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties, Scope metrics) {
        if (!properties.embedded()) {
            LOG.info("Connecting to Temporal at {} (namespace {}, TLS {}, API key {})", properties.address(),
                    properties.namespace(), properties.tls() ? "on" : "off", properties.hasApiKey() ? "set" : "not set");
            return WorkflowServiceStubs.newServiceStubs(TemporalConnection.remote(properties, metrics));
        }
        int port = properties.embeddedPort();
        if (port > 0) {
            LoopbackTemporalServer server = LoopbackTemporalServer.start(port);
            LOG.warn("TEMPORAL_ADDRESS is not set: started the in-process Temporal test server on {} (loopback only, "
                    + "no authentication). It keeps nothing across restarts and has no visibility API (the Temporal UI "
                    + "cannot list workflows on it); `temporal workflow query/signal --address {}` work.",
                    server.address(), server.address());
            return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(server.address())
                    .setMetricsScope(metrics)
                    .build());
        }
        TestServer.InProcessTestServer server = TestServer.createServer(true);
        LOG.info("Using an in-memory Temporal test server");
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setChannel(server.getChannel())
                .setMetricsScope(metrics)
                .build());
    }

    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties properties) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(properties.namespace())
                .build());
    }

    /**
     * Vendor calls: 30 s per attempt ({@code memberflow.activities.start-to-close}; also how long a crashed
     * worker's call waits before another worker retries it), backoff from 0.5 s doubling to 1 min, 10 attempts
     * (about 4.5 minutes, longer when a vendor asks for a wait; a 5xx blip is already retried inside the call, see
     * {@code VendorHttp}), then the workflow opens a support task. Support tasks: 10 attempts. A
     * {@code VendorFinalError} or bad input is never retried. Stripe reads: 0.5 s doubling to 30 s, 12 attempts
     * (about 4 minutes).
     */
    @Singleton
    ActivityPolicies activityPolicies(@Value("${memberflow.activities.start-to-close}") Duration startToClose) {
        ActivityOptions vendor = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(500))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setMaximumAttempts(10)
                        .setDoNotRetry(VendorFailures.FINAL, IllegalArgumentException.class.getName())
                        .build())
                .build();
        ActivityOptions support = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setMaximumAttempts(10)
                        .setDoNotRetry(IllegalArgumentException.class.getName())
                        .build())
                .build();
        ActivityOptions stripe = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(20))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(500))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(12)
                        .setDoNotRetry(VendorFailures.FINAL, IllegalArgumentException.class.getName())
                        .build())
                .build();
        return new ActivityPolicies(vendor, support, stripe);
    }
}
