package io.memberflow.temporal;

import io.memberflow.config.WorkerRole;
import io.memberflow.observability.MdcWorkerInterceptor;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one place Temporal workers are made: one {@link WorkerFactory} per process, with the logging-context
 * interceptor ({@link MdcWorkerInterceptor}) and the sticky cache and thread limits of {@link WorkerSizing}, and on it
 * one worker per {@link TaskQueueWorker} bean (customer, catch-up, reconciliation). Started once at start-up, after
 * every worker is registered; stopped once at shutdown (running activities get 10 s, then Temporal retries them
 * elsewhere).
 */
@Singleton
@WorkerRole
public class WorkerRegistry implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRegistry.class);

    private final WorkerFactoryOptions factoryOptions;
    private final WorkerFactory factory;
    private final WorkerSizing sizing;
    private final List<TaskQueueWorker> queues;
    private final Map<String, Worker> workers = new LinkedHashMap<>();

    public WorkerRegistry(WorkflowClient client, WorkerSizing sizing, List<TaskQueueWorker> queues) {
        this.sizing = sizing;
        this.queues = queues;
        this.factoryOptions = sizing.factoryOptions().setWorkerInterceptors(new MdcWorkerInterceptor()).build();
        this.factory = WorkerFactory.newInstance(client, factoryOptions);
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (factory.isStarted()) {
            return;
        }
        for (TaskQueueWorker queue : queues) {
            var skipped = queue.skipped();
            if (skipped.isPresent()) {
                LOG.info("No {} worker: {}", queue.description(), skipped.get());
                continue;
            }
            Worker worker = factory.newWorker(queue.taskQueue(), queue.options(sizing));
            queue.register(worker);
            workers.put(queue.taskQueue(), worker);
        }
        factory.start();
        workers.forEach((taskQueue, worker) -> LOG.info("Temporal worker polling task queue {} ({})", taskQueue,
                describe(taskQueue)));
        LOG.info("Temporal workers started ({})", sizing);
    }

    /** The workers made, by task queue (empty before start-up). */
    public synchronized Map<String, Worker> workers() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(workers));
    }

    /** The options every worker of this process shares: interceptors, sticky cache, workflow threads. */
    public WorkerFactoryOptions factoryOptions() {
        return factoryOptions;
    }

    /** True once polling started. */
    public boolean started() {
        return factory.isStarted();
    }

    private String describe(String taskQueue) {
        return queues.stream().filter(q -> q.taskQueue().equals(taskQueue)).map(TaskQueueWorker::description)
                .findFirst().orElse(taskQueue);
    }

    @EventListener
    synchronized void onShutdown(ShutdownEvent event) {
        if (!factory.isStarted()) {
            return;
        }
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        LOG.info("Temporal workers stopped");
    }
}
