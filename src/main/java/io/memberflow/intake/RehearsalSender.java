package io.memberflow.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts an {@link IntakeRehearsal}'s made-up signup deliveries to this process's webhook endpoint from a few threads
 * at once, each marked with the rehearsal header. Every answer must be 200 with outcome {@code rehearsed}; the first
 * other answer stops the rehearsal, so a delivery the server did not take as a rehearsal is never followed by more.
 */
final class RehearsalSender implements AutoCloseable {

    /** Signs a JSON body at a time (Unix seconds) the way Stripe does. */
    interface Signer {
        String sign(String json, long now);
    }

    /** The rehearsal ended early: how many deliveries were rehearsed, and why it stopped. */
    static final class RehearsalFailed extends Exception {
        private final int done;

        RehearsalFailed(int done, String why) {
            super(why);
            this.done = done;
        }

        int done() {
            return done;
        }
    }

    /** A signup's three events, in the shapes of Stripe's API reference; {@code %1$s} an index, {@code %2$d} now. */
    private static final List<String> SIGNUP = List.of("""
            {"id":"evt_warm_up_c%1$s","object":"event","type":"checkout.session.completed","created":%2$d,\
            "data":{"object":{"id":"cs_warm_up_%1$s","object":"checkout.session","customer":"cus_warm_up_%1$s",\
            "customer_details":{"email":"warm-up@memberflow.invalid","name":"Warm Up"},"mode":"subscription",\
            "payment_status":"paid","status":"complete","subscription":"sub_warm_up_%1$s","amount_total":1000}}}""", """
            {"id":"evt_warm_up_s%1$s","object":"event","type":"customer.subscription.created","created":%2$d,\
            "data":{"object":{"id":"sub_warm_up_%1$s","object":"subscription","customer":"cus_warm_up_%1$s",\
            "status":"active","cancel_at_period_end":false,"items":{"object":"list","data":[{"id":"si_warm_up_%1$s",\
            "object":"subscription_item","current_period_end":%2$d,"price":{"id":"price_warm_up","object":"price"}}]}}}}""", """
            {"id":"evt_warm_up_i%1$s","object":"event","type":"invoice.paid","created":%2$d,\
            "data":{"object":{"id":"in_warm_up_%1$s","object":"invoice","customer":"cus_warm_up_%1$s",\
            "subscription":"sub_warm_up_%1$s","amount_paid":1000,"billing_reason":"subscription_create",\
            "status":"paid","lines":{"object":"list","data":[{"id":"il_warm_up_%1$s","object":"line_item",\
            "amount":1000,"price":{"id":"price_warm_up","object":"price"}}]}}}}""");

    private final URI uri;
    private final String header;
    private final String token;
    private final int threads;
    private final ExecutorService pool;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    RehearsalSender(URI uri, String header, String token, int threads) {
        this.uri = uri;
        this.header = header;
        this.token = token;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "memberflow-intake-rehearsal-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends {@code deliveries} and returns how many were rehearsed, all of them unless it throws. */
    int send(int deliveries, Signer signer) throws RehearsalFailed {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> senders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            senders.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < deliveries; n = next.getAndIncrement()) {
                    post(n, signer);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> sender : senders) {
                sender.get();
            }
        } catch (ExecutionException e) {
            next.set(deliveries); // the other senders stop after their current delivery
            throw new RehearsalFailed(done.get(), e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailed(done.get(), "interrupted");
        }
        return done.get();
    }

    private void post(int n, Signer signer) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String json = String.format(SIGNUP.get(n % SIGNUP.size()), n / SIGNUP.size(), now);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", signer.sign(json, now))
                .header(header, token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"rehearsed\"")) {
            throw new IllegalStateException("answered " + answer.statusCode() + " instead of a rehearsal");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
