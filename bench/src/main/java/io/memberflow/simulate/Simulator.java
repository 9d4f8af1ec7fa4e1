package io.memberflow.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.standin.StripeEvents;
import io.memberflow.standin.StripeSigner;
import io.memberflow.config.StripeProperties;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.workflow.CustomerWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code simulate}: signs and sends one customer's journey (checkout, subscription, paid, payment failed,
 * paid again, refund) to a running memberflow, like {@code stripe trigger}, and prints what memberflow did.
 * Options: {@code --url}, {@code --secret} (default: STRIPE_WEBHOOK_SECRET or the local development secret),
 * {@code --temporal} (where to query the workflow; default 127.0.0.1:7233), {@code --price}.
 */
public final class Simulator {
    private final Map<String, String> options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Simulator(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the journey with the options given (by name without the dashes; absent: the defaults). */
    public static int run(Map<String, String> options) {
        return new Simulator(options, System.out).journey();
    }

    int journey() {
        String url = options.getOrDefault("url", "http://127.0.0.1:8080/webhooks/stripe");
        String envSecret = System.getenv("STRIPE_WEBHOOK_SECRET");
        String secret = options.getOrDefault("secret", envSecret == null || envSecret.isBlank()
                ? StripeProperties.LOCAL_DEV_SECRET : envSecret.split(",")[0].trim());
        String price = options.getOrDefault("price", "price_memberflow_demo");
        String customer = "cus_sim" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String sub = "sub_" + customer.substring(4);
        StripeEvents ev = new StripeEvents(customer, "ada+" + customer.substring(4) + "@example.com",
                System.currentTimeMillis() / 1000);
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[]{"checkout completed", ev.checkoutCompleted(sub, price)});
        steps.add(new String[]{"subscription created (active)", ev.subscription("customer.subscription.created", sub, "active", price, false)});
        steps.add(new String[]{"first invoice paid", ev.invoice("invoice.paid", sub, price, 2900)});
        steps.add(new String[]{"renewal payment failed", ev.invoice("invoice.payment_failed", sub, price, 0)});
        steps.add(new String[]{"subscription past_due", ev.subscription("customer.subscription.updated", sub, "past_due", price, false)});
        steps.add(new String[]{"retry paid", ev.invoice("invoice.paid", sub, price, 2900)});
        steps.add(new String[]{"subscription active again", ev.subscription("customer.subscription.updated", sub, "active", price, false)});
        steps.add(new String[]{"full refund", ev.chargeRefunded("ch_" + customer.substring(4), 2900, 2900)});
        out.printf("Simulating customer %s against %s%n", customer, url);
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(options.getOrDefault("temporal", "127.0.0.1:7233")).build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            for (String[] step : steps) {
                HttpResponse<String> response = send(url, secret, step[1]);
                out.printf("%n-> %-30s HTTP %d %s%n", step[0], response.statusCode(), response.body());
                if (response.statusCode() != 200) {
                    return 1;
                }
                printState(client, customer, eventId(step[1]));
            }
            out.printf("%nDone. Query it yourself: temporal workflow query --address %s --workflow-id %s --name state%n",
                    options.getOrDefault("temporal", "127.0.0.1:7233"), CustomerWorkflow.workflowId(customer));
            return 0;
        } catch (Exception e) {
            out.println("simulate failed: " + e.getMessage());
            return 1;
        } finally {
            stubs.shutdownNow();
        }
    }

    private HttpResponse<String> send(String url, String secret, String payload) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripeSigner.header(payload, secret))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void printState(WorkflowClient client, String customer, String eventId) throws InterruptedException {
        CustomerWorkflow workflow = client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(customer));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                CustomerRecord state = workflow.state();
                if (state != null && state.hasApplied(eventId)) {
                    Thread.sleep(500); // let the side effects the event caused finish
                    out.println("   " + SimulatorOutput.describe(workflow.state()));
                    return;
                }
            } catch (RuntimeException e) {
                // not started yet, or Temporal not reachable: keep polling until the deadline
            }
            Thread.sleep(200);
        }
        out.println("   (workflow state not visible within 10 s: is Temporal reachable at --temporal?)");
    }

    private static String eventId(String json) {
        try {
            return new ObjectMapper().readTree(json).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
