package io.memberflow.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For a drift the report run should not have found: the shape of workflows {@code customer-<id>} — status, pending
 * workflow task, and each history event's id, time, type and (for activities, markers, failures) its name or
 * message. No payloads, so no e-mail address.
 */
final class HistoryDump {
    private HistoryDump() {
    }

    static void write(String target, List<String> customerIds, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        try {
            for (String customer : customerIds) {
                String id = "customer-" + customer;
                text.append("== ").append(id).append('\n');
                try {
                    describe(stubs, id, text);
                    history(stubs, id, text);
                } catch (RuntimeException e) {
                    text.append("  not readable: ").append(e.getClass().getSimpleName()).append(' ')
                            .append(e.getMessage()).append('\n');
                }
            }
        } finally {
            stubs.shutdownNow();
        }
        Files.writeString(file, text);
    }

    private static void describe(WorkflowServiceStubs stubs, String id, StringBuilder text) {
        DescribeWorkflowExecutionResponse d = stubs.blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build());
        text.append("  status ").append(d.getWorkflowExecutionInfo().getStatus()).append(", pending activities ")
                .append(d.getPendingActivitiesCount());
        if (d.hasPendingWorkflowTask()) {
            PendingWorkflowTaskInfo t = d.getPendingWorkflowTask();
            text.append(", pending workflow task ").append(t.getState()).append(" attempt ").append(t.getAttempt())
                    .append(" scheduled ").append(t.getScheduledTime().getSeconds())
                    .append(" started ").append(t.getStartedTime().getSeconds());
        }
        text.append('\n');
    }

    private static void history(WorkflowServiceStubs stubs, String id, StringBuilder text) {
        ByteString token = ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                            .setNextPageToken(token).build());
            for (HistoryEvent e : page.getHistory().getEventsList()) {
                text.append(String.format("  %4d %d.%03d %s%s%n", e.getEventId(), e.getEventTime().getSeconds(),
                        e.getEventTime().getNanos() / 1_000_000, e.getEventType().name().replace("EVENT_TYPE_", ""),
                        detail(e)));
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty());
    }

    private static String detail(HistoryEvent e) {
        if (e.hasActivityTaskScheduledEventAttributes()) {
            return " " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        }
        if (e.hasMarkerRecordedEventAttributes()) {
            return " " + e.getMarkerRecordedEventAttributes().getMarkerName();
        }
        if (e.hasWorkflowTaskFailedEventAttributes()) {
            return " " + e.getWorkflowTaskFailedEventAttributes().getCause() + " "
                    + e.getWorkflowTaskFailedEventAttributes().getFailure().getMessage().replaceAll("\\S+@\\S+", "<address>");
        }
        if (e.hasWorkflowTaskTimedOutEventAttributes()) {
            return " " + e.getWorkflowTaskTimedOutEventAttributes().getTimeoutType();
        }
        if (e.hasActivityTaskFailedEventAttributes()) {
            return " " + e.getActivityTaskFailedEventAttributes().getFailure().getMessage().replaceAll("\\S+@\\S+", "<address>");
        }
        if (e.hasWorkflowExecutionSignaledEventAttributes()) {
            return " " + e.getWorkflowExecutionSignaledEventAttributes().getSignalName();
        }
        return "";
    }
}
