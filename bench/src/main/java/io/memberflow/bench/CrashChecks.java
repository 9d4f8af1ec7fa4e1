package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.StripeStandIn;
import com.google.protobuf.ByteString;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.workflow.CustomerWorkflow;
import io.memberflow.workflow.TimelineEntry;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What survived, counted from the outside after a crash test: memberflow's database (inbox rows, audit entries),
 * each customer's workflow (its {@code state} query and its history's {@code onEvent} signals) and the Circle
 * stand-in. An acknowledged event is <em>lost</em> when it has no inbox row or is never applied; <em>applied
 * twice</em> when it has two "event" audit entries; an audit entry is <em>missing</em> when the workflow counts it
 * as written (sequence at most {@code seq}, not in {@code unsent}) and the table lacks it.
 */
final class CrashChecks {
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

    /** Where memberflow keeps its data. */
    interface Database {
        Connection connect() throws Exception;

        static Database of(String url, String user, String password) {
            return () -> DriverManager.getConnection(url, user, password);
        }
    }

    /** The counts; {@code problems} says in words what is wrong (empty when the run kept every promise). */
    record Result(Map<String, Object> counts, List<String> problems, Map<String, Integer> signalsPerEvent) {
        long count(String key) {
            return ((Number) counts.get(key)).longValue();
        }
    }

    private CrashChecks() {
    }

    static Result check(List<ResendingSender.Delivery> deliveries, List<StripeObjects> customers, Database db,
                        String temporalTarget, CircleStandIn circle) throws Exception {
        List<ResendingSender.Delivery> acked = deliveries.stream().filter(ResendingSender.Delivery::acked).toList();
        String[] ids = acked.stream().map(d -> d.eventId).toArray(String[]::new);
        String[] customerIds = customers.stream().map(o -> o.customerId).toArray(String[]::new);
        Map<String, String> inbox = new HashMap<>();
        Map<String, Integer> appliedEntries = new HashMap<>();
        Map<String, Set<Long>> auditSeqs = new HashMap<>();
        try (Connection c = db.connect()) {
            try (PreparedStatement st = c.prepareStatement("SELECT event_id, status FROM inbox_event WHERE event_id = ANY (?)")) {
                st.setArray(1, c.createArrayOf("varchar", ids));
                try (ResultSet r = st.executeQuery()) {
                    while (r.next()) {
                        inbox.put(r.getString(1), r.getString(2));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT customer_id, entry_key, kind, event_id FROM audit_log WHERE customer_id = ANY (?)")) {
                Array array = c.createArrayOf("varchar", customerIds);
                st.setArray(1, array);
                try (ResultSet r = st.executeQuery()) {
                    while (r.next()) {
                        String customer = r.getString(1);
                        auditSeqs.computeIfAbsent(customer, k -> new HashSet<>())
                                .add(Long.parseLong(r.getString(2).substring(customer.length() + 1)));
                        if ("event".equals(r.getString(3)) && r.getString(4) != null) {
                            appliedEntries.merge(r.getString(4), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        List<String> problems = new java.util.ArrayList<>();
        long noRow = 0, neverApplied = 0, appliedTwice = 0, notDispatched = 0;
        for (ResendingSender.Delivery d : acked) {
            if (!inbox.containsKey(d.eventId)) {
                noRow++;
                problems.add("acknowledged " + d.eventId + " (" + d.type + ") has no inbox row");
            } else if (!"DISPATCHED".equals(inbox.get(d.eventId))) {
                notDispatched++;
            }
            int applied = appliedEntries.getOrDefault(d.eventId, 0);
            if (applied == 0) {
                neverApplied++;
                problems.add("acknowledged " + d.eventId + " (" + d.type + ") was never applied");
            } else if (applied > 1) {
                appliedTwice++;
                problems.add(d.eventId + " was applied " + applied + " times");
            }
        }
        long missingAudit = 0, workflowsRead = 0, notInWorkflow = 0, beyondWorkflow = 0;
        Map<String, Integer> signals = new HashMap<>();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
            Map<String, Set<String>> ackedByCustomer = new HashMap<>();
            acked.forEach(d -> ackedByCustomer.computeIfAbsent(d.customerId, k -> new HashSet<>())
                    .add(d.eventId));
            for (StripeObjects o : customers) {
                CustomerRecord state;
                try {
                    state = client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(o.customerId)).state();
                    workflowsRead++;
                } catch (RuntimeException e) {
                    problems.add("workflow of " + o.customerId + " did not answer its state query: " + e.getClass().getSimpleName());
                    continue;
                }
                for (String id : ackedByCustomer.getOrDefault(o.customerId, Set.of())) {
                    if (!state.hasApplied(id)) {
                        notInWorkflow++;
                        problems.add("workflow of " + o.customerId + " has not applied " + id);
                    }
                }
                Set<Long> unsent = new HashSet<>();
                for (TimelineEntry e : state.unsent()) {
                    unsent.add(e.seq());
                }
                Set<Long> written = auditSeqs.getOrDefault(o.customerId, Set.of());
                for (long seq : written) {
                    if (seq > state.seq()) {
                        beyondWorkflow++;
                        problems.add("audit entry " + o.customerId + ":" + seq + " is beyond its workflow's sequence "
                                + state.seq() + " (left by a workflow task that never completed)");
                    }
                }
                for (long seq = 1; seq <= state.seq(); seq++) {
                    if (!unsent.contains(seq) && !written.contains(seq)) {
                        missingAudit++;
                        problems.add("audit entry " + o.customerId + ":" + seq + " is written for its workflow but missing");
                    }
                }
                countSignals(stubs, CustomerWorkflow.workflowId(o.customerId), signals);
            }
        } finally {
            stubs.shutdownNow();
        }
        long withAccess = customers.stream().filter(o -> circle.groupsOf(o.email).contains(MemberflowLauncher.PLAN_GROUP)).count();
        if (withAccess < customers.size()) {
            problems.add((customers.size() - withAccess) + " paying customer(s) without Circle access");
        }
        long signalledTwice = ids.length == 0 ? 0 : java.util.Arrays.stream(ids).filter(id -> signals.getOrDefault(id, 0) > 1).count();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("events", deliveries.size());
        counts.put("acknowledged", acked.size());
        counts.put("not_acknowledged", deliveries.size() - acked.size());
        counts.put("acknowledged_without_inbox_row", noRow);
        counts.put("inbox_rows_not_dispatched", notDispatched);
        counts.put("applied_once", acked.size() - neverApplied - appliedTwice);
        counts.put("lost", Math.max(noRow, neverApplied));
        counts.put("applied_twice", appliedTwice);
        counts.put("not_applied_per_workflow_state", notInWorkflow);
        counts.put("audit_entries_missing", missingAudit);
        counts.put("audit_entries_beyond_workflow", beyondWorkflow);
        counts.put("workflows_read", workflowsRead);
        counts.put("customers", customers.size());
        counts.put("customers_with_access", withAccess);
        counts.put("events_signalled_more_than_once", signalledTwice);
        return new Result(counts, problems, signals);
    }

    /** Adds, per Stripe event id, the {@code onEvent} signals in the workflow's history (every run). */
    private static void countSignals(WorkflowServiceStubs stubs, String workflowId, Map<String, Integer> signals) {
        ByteString token = ByteString.EMPTY;
        try {
            do {
                GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
                        GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                                .setNextPageToken(token).build());
                for (HistoryEvent e : page.getHistory().getEventsList()) {
                    if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
                            && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("onEvent")) {
                        for (Payload p : e.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloadsList()) {
                            Matcher m = EVENT_ID.matcher(p.getData().toString(StandardCharsets.UTF_8));
                            if (m.find()) {
                                signals.merge(m.group(1), 1, Integer::sum);
                            }
                        }
                    }
                }
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        } catch (RuntimeException e) {
            // unreadable history: its signals are not counted (the state query above says whether it applied them)
        }
    }
}
