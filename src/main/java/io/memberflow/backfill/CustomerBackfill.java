package io.memberflow.backfill;

import io.memberflow.config.WebRole;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.param.CustomerListParams;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.memberflow.temporal.WorkflowGateway;
import io.memberflow.workflow.BillingReadReason;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * Backfill of existing Stripe customers, one page at a time: lists {@code GET /v1/customers} ({@code limit},
 * {@code starting_after}) and, for each customer, starts its workflow (or, when it runs, just asks it) to read
 * Stripe's current state, through {@link WorkflowGateway#requestBillingRead} (actor {@code backfill}, reason
 * {@code backfill run <run>}); with {@code memberflow.backfill.read-signal=false}, while older workers may run, through
 * the synthetic event of earlier releases, id {@code backfill-<customer>-<run>} (workflows.md, deploy order). Report
 * mode only says what would happen; count mode only counts. Only ids are read from Stripe's answer and logged, never an
 * e-mail address.
 */
@Singleton
@WebRole
public class CustomerBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerBackfill.class);
    private static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,200}");

    public enum Mode { COUNT, REPORT, REPAIR }

    /** Stripe refused or could not answer the listing; {@code retryable} for 429, 5xx and connection errors. */
    public static final class StripeListingFailed extends RuntimeException {
        public final boolean retryable;

        StripeListingFailed(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    private final Optional<StripeClient> stripe;
    private final WorkflowGateway gateway;
    private final boolean readSignal;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param stripe     present when STRIPE_API_KEY is set ({@link io.memberflow.vendors.VendorClients})
     * @param readSignal {@code memberflow.backfill.read-signal}: ask with the {@code requestBillingRead} signal, not the
     *                   synthetic event
     */
    public CustomerBackfill(Optional<StripeClient> stripe, WorkflowGateway gateway,
                            @Value("${memberflow.backfill.read-signal:true}") boolean readSignal) {
        this.stripe = stripe;
        this.gateway = gateway;
        this.readSignal = readSignal;
    }

    public boolean enabled() {
        return stripe.isPresent();
    }

    public BackfillPage page(Mode mode, @Nullable String startingAfter, int limit, String run) {
        CustomerListParams.Builder params = CustomerListParams.builder().setLimit((long) Math.max(1, Math.min(100, limit)));
        if (startingAfter != null && !startingAfter.isBlank()) {
            params.setStartingAfter(startingAfter);
        }
        StripeCollection<Customer> list;
        try {
            list = stripe().v1().customers().list(params.build());
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            boolean retryable = status == null || status == 429 || status >= 500;
            throw new StripeListingFailed("Stripe customer list: " + (status == null ? e.getClass().getSimpleName()
                    : "HTTP " + status), retryable);
        }
        List<Listed> listed = listed(list.getRawJsonObject());
        List<String> ids = listed.stream().filter(Listed::usable).map(Listed::id).toList();
        List<BackfillPage.Item> items = new ArrayList<>();
        int started = 0, read = 0, failed = 0;
        for (String customerId : ids) {
            if (mode == Mode.COUNT) {
                continue;
            }
            String before = workflowState(customerId);
            if (mode == Mode.REPORT) {
                items.add(new BackfillPage.Item(customerId, before, "running".equals(before) ? "would_request_read" : "would_start"));
                continue;
            }
            try {
                requestRead(customerId, run);
                boolean wasRunning = "running".equals(before);
                started += wasRunning ? 0 : 1;
                read += wasRunning ? 1 : 0;
                items.add(new BackfillPage.Item(customerId, before, wasRunning ? "read_requested" : "started"));
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Backfill could not start the workflow of {}: {}", customerId, e.getClass().getSimpleName());
                items.add(new BackfillPage.Item(customerId, before, "failed"));
            }
        }
        if (mode == Mode.REPAIR) {
            LOG.info("Backfill page: {} customer(s), {} started, {} asked to read Stripe, {} failed", ids.size(),
                    started, read, failed);
        }
        String next = listed.isEmpty() ? null : listed.get(listed.size() - 1).id();
        return new BackfillPage(mode.name().toLowerCase(), ids.size(), started, read, failed, items, next,
                Boolean.TRUE.equals(list.getHasMore()) && next != null);
    }

    private String workflowState(String customerId) {
        try {
            WorkflowExecutionStatus status = gateway.status(customerId);
            return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING ? "running" : "closed";
        } catch (WorkflowNotFoundException e) {
            return "absent";
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return "absent";
                }
            }
            return "unknown";
        }
    }

    private void requestRead(String customerId, String run) {
        if (readSignal) {
            gateway.requestBillingRead(customerId, new BillingReadReason("backfill", "backfill run " + run));
        } else {
            gateway.deliverReadTrigger(customerId, "backfill-" + customerId + "-" + run, clock.instant().getEpochSecond());
        }
    }

    /** The customers of a page, in order: id, and whether memberflow should act on it (not deleted, a sane id). */
    private record Listed(String id, boolean usable) {
    }

    private static List<Listed> listed(JsonObject raw) {
        List<Listed> listed = new ArrayList<>();
        if (raw == null || !raw.has("data") || !raw.get("data").isJsonArray()) {
            return listed;
        }
        for (JsonElement e : raw.getAsJsonArray("data")) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has("id") || !e.getAsJsonObject().get("id").isJsonPrimitive()) {
                continue;
            }
            JsonObject o = e.getAsJsonObject();
            boolean deleted = o.has("deleted") && o.get("deleted").isJsonPrimitive() && o.get("deleted").getAsBoolean();
            String id = o.get("id").getAsString();
            listed.add(new Listed(id, !deleted && SAFE_ID.matcher(id).matches()));
        }
        return listed;
    }

    private StripeClient stripe() {
        return stripe.orElseThrow(() -> new IllegalStateException("no STRIPE_API_KEY: there is nothing to backfill from"));
    }
}
