package io.memberflow.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import io.memberflow.catchup.StandInStripe;
import io.memberflow.temporal.WorkflowGateway;
import io.memberflow.workflow.BillingReadReason;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A backfill page asks each customer's workflow to read Stripe through {@link WorkflowGateway}, and only through it. */
class CustomerBackfillTest {
    static final StandInStripe STRIPE = new StandInStripe();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void customers() throws IOException {
        STRIPE.customers.add(MAPPER.readTree("{\"id\":\"cus_new\",\"object\":\"customer\",\"created\":1700000002}"));
        STRIPE.customers.add(MAPPER.readTree("{\"id\":\"cus_known\",\"object\":\"customer\",\"created\":1700000001}"));
    }

    @AfterAll
    static void stop() throws IOException {
        STRIPE.close();
    }

    private static BackfillPage repair(WorkflowGateway gateway, boolean readSignal) {
        StripeClient stripe = StripeClient.builder().setApiKey(StandInStripe.KEY).setApiBase(STRIPE.base())
                .setMaxNetworkRetries(0).build();
        when(gateway.status("cus_known")).thenReturn(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        return new CustomerBackfill(Optional.of(stripe), gateway, readSignal).page(CustomerBackfill.Mode.REPAIR, null, 10, "r9");
    }

    @Test
    void givenRepairMode_thenEveryCustomerIsAskedWithTheReadRequestSignalNamingTheRun() {
        WorkflowGateway gateway = mock(WorkflowGateway.class);

        BackfillPage page = repair(gateway, true);

        BillingReadReason reason = new BillingReadReason("backfill", "backfill run r9");
        verify(gateway).requestBillingRead("cus_new", reason);
        verify(gateway).requestBillingRead("cus_known", reason);
        verify(gateway, never()).deliverReadTrigger(anyString(), anyString(), anyLong());
        assertThat(page.items()).extracting(i -> i.customerId() + " " + i.action())
                .containsExactlyInAnyOrder("cus_new started", "cus_known read_requested");
    }

    @Test
    void givenTheReadSignalTurnedOffForOlderWorkers_thenTheSyntheticEventOfEarlierReleasesIsSent() {
        WorkflowGateway gateway = mock(WorkflowGateway.class);

        repair(gateway, false);

        verify(gateway).deliverReadTrigger(eq("cus_new"), eq("backfill-cus_new-r9"), anyLong());
        verify(gateway).deliverReadTrigger(eq("cus_known"), eq("backfill-cus_known-r9"), anyLong());
        verify(gateway, never()).requestBillingRead(anyString(), any());
    }
}
