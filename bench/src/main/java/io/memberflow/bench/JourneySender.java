package io.memberflow.bench;

import io.memberflow.standin.StripeStandIn;
import io.memberflow.standin.StripeEvents;
import io.memberflow.standin.StripeSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop sender of signed signup journeys (checkout.session.completed, customer.subscription.created,
 * invoice.paid): journey {@code j} starts at {@code j * 3 / rate} seconds, its events follow each other 1-5 ms
 * apart (plus up to {@code lagMs} of random lag) in the chosen order. A scheduler thread hands each event to a
 * bounded pool of {@code connections} senders on time, however slow the answers are; a customer's Stripe
 * objects are put into the Stripe stand-in just before its first event.
 */
final class JourneySender {
    static final List<String> TYPES = List.of("checkout.session.completed", "customer.subscription.created", "invoice.paid");

    /** One event: when it was due and sent (nanoTime), answered (nanoTime), sent (epoch ms), its status (0 = no answer). */
    record Sent(int customer, String type, long dueNanos, long sentNanos, long answeredNanos, long sentEpochMs, int status) {
        double ackMs() {
            return (answeredNanos - dueNanos) / 1e6;
        }

        /** From the moment a sender thread began the request: the due-time figure without the sender's own lag. */
        double ackFromSendMs() {
            return (answeredNanos - sentNanos) / 1e6;
        }

        double senderLagMs() {
            return (sentNanos - dueNanos) / 1e6;
        }
    }

    private record Planned(int customer, String type, long offsetNanos) {
    }

    private final List<StripeObjects> customers;
    private final StripeStandIn stripe;
    private final String url;
    private final String secret;
    private final int connections;
    private final Random random = new Random();
    final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

    JourneySender(List<StripeObjects> customers, StripeStandIn stripe, String url, String secret, int connections) {
        this.customers = customers;
        this.stripe = stripe;
        this.url = url;
        this.secret = secret;
        this.connections = connections;
    }

    /** Sends every journey; returns once every event has an answer (or failed). */
    void run(double rate, String order, long lagMs) throws InterruptedException {
        List<Planned> plan = plan(rate, order, lagMs);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        boolean[] started = new boolean[customers.size()];
        long t0 = System.nanoTime() + 50_000_000L;
        for (Planned p : plan) {
            long due = t0 + p.offsetNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            StripeObjects o = customers.get(p.customer());
            if (!started[p.customer()]) {
                started[p.customer()] = true;
                o.putInto(stripe); // Stripe knows the customer and subscription before any of its events goes out
            }
            String payload = payload(o, p.type());
            pool.execute(() -> send(http, p, payload, due));
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
    }

    private List<Planned> plan(double rate, String order, long lagMs) {
        List<Planned> plan = new ArrayList<>();
        double journeyGapNanos = TYPES.size() / rate * 1e9;
        for (int c = 0; c < customers.size(); c++) {
            List<String> types = new ArrayList<>(TYPES);
            if (order.equals("reverse")) {
                Collections.reverse(types);
            } else if (order.equals("shuffled")) {
                Collections.shuffle(types, random);
            }
            long at = Math.round(c * journeyGapNanos);
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) {
                    at += TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt(5) + (lagMs > 0 ? random.nextLong(lagMs + 1) : 0));
                }
                plan.add(new Planned(c, types.get(i), at));
            }
        }
        plan.sort(Comparator.comparingLong(Planned::offsetNanos));
        return plan;
    }

    static String payload(StripeObjects o, String type) {
        StripeEvents events = new StripeEvents(o.customerId, o.email, o.created + TYPES.indexOf(type));
        return switch (type) {
            case "checkout.session.completed" -> events.event(type, o.checkoutSession());
            case "customer.subscription.created" -> events.event(type, o.subscription("active"));
            case "invoice.paid" -> events.event(type, o.paidInvoice());
            default -> throw new IllegalArgumentException(type);
        };
    }

    private void send(HttpClient http, Planned p, String payload, long due) {
        long start = System.nanoTime();
        long epoch = System.currentTimeMillis();
        int status;
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", StripeSigner.header(payload, secret))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding());
            status = r.statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            status = 0;
        }
        sent.add(new Sent(p.customer(), p.type(), due, start, System.nanoTime(), epoch, status));
    }
}
