package io.memberflow.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.persistence.AuditRow;
import io.memberflow.persistence.CustomerView;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.persistence.SupportTask;
import io.memberflow.persistence.SupportTaskRepository;
import io.memberflow.workflow.OperatorAction;
import io.memberflow.workflow.OperatorSignal;
import io.memberflow.temporal.WorkflowGateway;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin API and page show and do. Reads come from the projection the workflows keep current (never from
 * Circle, Kit or Stripe); actions are the same signals an operator sends with the {@code temporal} CLI.
 */
@Singleton
public class AdminService {
    static final int TIMELINE = 50;

    /** A support task as the admin view shows it. */
    public record TaskView(long id, String customerId, String kind, String status, Instant createdAt,
                           String summary, Map<String, Object> context) {
    }

    /** One timeline line. */
    public record TimelineView(Instant at, String kind, String actor, String eventId, String detail) {
    }

    /** The whole customer page. */
    public record CustomerDetails(String customerId, String email, String state, String plan, boolean accessGranted,
                                  List<Long> circleAccessGroupIds, List<Long> kitTagIds, String override,
                                  String lastEventId, String lastEventType, Instant lastEventAt, boolean needsAttention,
                                  String lastFailure, List<TaskView> supportTasks, List<TimelineView> timeline,
                                  String attention) {
    }

    /** Thrown for a request an operator must correct (answered 400). */
    public static class InvalidRequest extends RuntimeException {
        public InvalidRequest(String message) {
            super(message);
        }
    }

    private final CustomerViewStore views;
    private final SupportTaskRepository tasks;
    private final WorkflowGateway gateway;
    private final ObjectMapper mapper;

    public AdminService(CustomerViewStore views, SupportTaskRepository tasks, WorkflowGateway gateway, ObjectMapper mapper) {
        this.views = views;
        this.tasks = tasks;
        this.gateway = gateway;
        this.mapper = mapper;
    }

    public Optional<CustomerDetails> customer(String customerId) {
        return views.find(customerId).map(this::details);
    }

    public List<CustomerView> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidRequest("email is required");
        }
        return views.findByEmail(email);
    }

    public List<CustomerView> needingAttention() {
        return views.needingAttention(50);
    }

    public List<TaskView> tasks(String status) {
        if (!SupportTask.OPEN.equals(status) && !SupportTask.RESOLVED.equals(status)) {
            throw new InvalidRequest("status must be open or resolved");
        }
        return tasks.findByStatusOrderByCreatedAtDesc(status).stream().map(this::taskView).toList();
    }

    /** Sends operator action {@code action} to the customer's workflow; returns false when it has none. */
    public boolean act(String customerId, String action, OperatorAction request) {
        OperatorSignal signal = OperatorSignal.named(action)
                .orElseThrow(() -> new InvalidRequest("action must be one of " + OperatorSignal.names()));
        if (!request.valid()) {
            throw new InvalidRequest("actor and reason are required");
        }
        if (signal == OperatorSignal.RESOLVE_SUPPORT_TASK && request.taskId() == null) {
            throw new InvalidRequest("taskId is required for resolveSupportTask");
        }
        try {
            gateway.signal(customerId, signal, request);
            return true;
        } catch (WorkflowNotFoundException e) {
            return false;
        }
    }

    /** Resolves a task through its customer's workflow (so NeedsAttention clears); false when there is no such task. */
    public boolean resolveTask(long taskId, String actor, String reason) {
        Optional<SupportTask> task = tasks.findById(taskId);
        if (task.isEmpty()) {
            return false;
        }
        return act(task.get().customerId(), OperatorSignal.RESOLVE_SUPPORT_TASK.signalName(),
                new OperatorAction(actor, reason, taskId));
    }

    private CustomerDetails details(CustomerView v) {
        List<TaskView> customerTasks = tasks.findByCustomerIdOrderByCreatedAtDesc(v.customerId()).stream()
                .map(this::taskView).toList();
        List<TimelineView> timeline = views.audit(v.customerId(), TIMELINE).stream()
                .map((AuditRow a) -> new TimelineView(a.at(), a.kind(), a.actor(), a.eventId(), a.detail())).toList();
        return new CustomerDetails(v.customerId(), v.email(), v.state(), v.plan(), v.accessGranted(),
                List.copyOf(v.circleAccessGroupIds()), List.copyOf(v.kitTagIds()), v.override(), v.lastEventId(),
                v.lastEventType(), v.lastEventAt(), v.needsAttention(), v.lastFailure(), customerTasks, timeline,
                v.attention());
    }

    private TaskView taskView(SupportTask t) {
        Map<String, Object> context;
        try {
            context = mapper.readValue(t.context(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (Exception e) {
            context = Map.of("raw", t.context());
        }
        return new TaskView(t.id(), t.customerId(), t.kind(), t.status(), t.createdAt(), t.summary(), context);
    }
}
