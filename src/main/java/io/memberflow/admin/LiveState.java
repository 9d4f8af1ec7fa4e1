package io.memberflow.admin;

import io.memberflow.config.EngineConfiguration;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.temporal.WorkflowGateway;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A customer's state as their workflow holds it (the {@code state} query), asked with a short timeout so the
 * page never waits long on Temporal; empty when Temporal does not answer in time or there is no workflow.
 */
@Singleton
public class LiveState {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LiveState.class);

    private final WorkflowGateway gateway;
    private final EntitlementMachine machine;
    private final ExecutorService queries = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "admin-state-query");
        t.setDaemon(true);
        return t;
    });

    public LiveState(WorkflowGateway gateway, EngineConfiguration configuration) {
        this.gateway = gateway;
        this.machine = configuration.settings().machine();
    }

    /** What the workflow holds and what billing requires at the vendors now. */
    public record Live(CustomerRecord record, Entitlements required) {
        public MemberState member() {
            return record.member();
        }
    }

    public Optional<Live> of(String customerId) {
        Future<CustomerRecord> answer = queries.submit(() -> gateway.existing(customerId).state());
        try {
            CustomerRecord record = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(new Live(record, machine.desired(record.member())));
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.info("Temporal did not answer the state query for {} within {}", customerId, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("No workflow state for {}: {}", customerId, e.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    /** What billing would require with {@code member} changed as an action would change it. */
    public Entitlements requiredFor(MemberState member) {
        return machine.desired(member);
    }

    @PreDestroy
    void close() {
        queries.shutdownNow();
    }
}
