package io.memberflow.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.util.ArrayList;
import java.util.List;

/** Counts the history events of workflows {@code customer-<id>} (latest run) through GetWorkflowExecutionHistory. */
final class HistoryCounter {
    private HistoryCounter() {
    }

    /** Event counts of the workflows that could be read; the others are left out. */
    static List<Double> count(String target, String namespace, List<String> customerIds) {
        List<Double> counts = new ArrayList<>();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        try {
            for (String customer : customerIds) {
                try {
                    counts.add((double) events(stubs, namespace, "customer-" + customer));
                } catch (RuntimeException e) {
                    // not found or not reachable: not counted
                }
            }
        } finally {
            stubs.shutdownNow();
        }
        return counts;
    }

    private static long events(WorkflowServiceStubs stubs, String namespace, String workflowId) {
        long n = 0;
        ByteString token = ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(namespace)
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                            .setNextPageToken(token).build());
            n += page.getHistory().getEventsCount();
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return n;
    }
}
