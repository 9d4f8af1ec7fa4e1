package io.memberflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.standin.StripeSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends signed signup journeys as Stripe delivers webhooks: every event is sent until it is answered 2xx, a send
 * without an answer (refused connection, reset, {@link #TIMEOUT}) or with any other status being tried again after
 * a backoff ({@link #FIRST_RETRY} doubling to {@link #MAX_RETRY}: Stripe's own schedule, compressed from hours to
 * seconds), each try signed anew and, with several {@code urls}, sent to the next one (as a load balancer would).
 * An event answered 2xx is never sent again, as with Stripe. Journeys start at a fixed offered rate (open loop); customer
 * {@code c} goes first to {@code urls[c % n]}. Nothing is published anywhere else: the events exist only in these
 * deliveries (and in memberflow's inbox once accepted).
 */
final class ResendingSender implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(4);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One event's delivery: when its first try went out, when and where it was answered 2xx (0 / -1 if never). */
    static final class Delivery {
        final int customer;
        final String customerId;
        final String type;
        final String eventId;
        final String payload;
        volatile long firstSentMs;
        volatile long ackedMs;
        volatile int ackedBy = -1;
        volatile int tries;
        final List<Integer> triedUrls = Collections.synchronizedList(new ArrayList<>());

        Delivery(int customer, String customerId, String type, String payload) throws Exception {
            this.customer = customer;
            this.customerId = customerId;
            this.type = type;
            this.payload = payload;
            this.eventId = MAPPER.readTree(payload).path("id").asText();
        }

        boolean acked() {
            return ackedMs > 0;
        }
    }

    /** A 2xx answer: when its try was sent and answered (epoch ms), and which url index answered. */
    record Ack(long sentMs, long atMs, int url) {
    }

    private final List<StripeObjects> customers;
    private final List<String> urls;
    private final String secret;
    private final Consumer<StripeObjects> beforeFirstEvent;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService pool;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private final Random random = new Random();
    final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    final AtomicLong nonAcked = new AtomicLong();
    private volatile boolean stopped;

    /** {@code beforeFirstEvent} makes Stripe (the stand-in) know a customer just before its first event goes out. */
    ResendingSender(List<StripeObjects> customers, List<String> urls, String secret, int connections,
                    Consumer<StripeObjects> beforeFirstEvent) {
        this.customers = customers;
        this.urls = urls;
        this.secret = secret;
        this.beforeFirstEvent = beforeFirstEvent;
        this.pool = Executors.newFixedThreadPool(connections);
    }

    /**
     * Starts every journey at {@code rate} events/s (events of a journey shuffled, 1-5 ms apart) and waits until each
     * event is answered 2xx or {@code giveUp} has passed since the last journey started. Returns the deliveries.
     */
    List<Delivery> run(double rate, Duration giveUp) throws Exception {
        long gapNanos = Math.round(JourneySender.TYPES.size() / rate * 1e9);
        long t0 = System.nanoTime();
        CountDownLatch done = new CountDownLatch(customers.size() * JourneySender.TYPES.size());
        for (int c = 0; c < customers.size(); c++) {
            long wait = t0 + c * gapNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            StripeObjects o = customers.get(c);
            beforeFirstEvent.accept(o);
            List<String> types = new ArrayList<>(JourneySender.TYPES);
            Collections.shuffle(types, random);
            int firstUrl = c % urls.size();
            for (String type : types) {
                Delivery d = new Delivery(c, o.customerId, type, JourneySender.payload(o, type));
                deliveries.add(d);
                pool.execute(() -> attempt(d, firstUrl, FIRST_RETRY, done));
                Thread.sleep(1 + random.nextInt(5));
            }
        }
        done.await(giveUp.toMillis(), TimeUnit.MILLISECONDS);
        return List.copyOf(deliveries);
    }

    private void attempt(Delivery d, int url, Duration backoff, CountDownLatch done) {
        if (stopped) {
            return;
        }
        if (d.firstSentMs == 0) {
            d.firstSentMs = System.currentTimeMillis();
        }
        d.tries++;
        d.triedUrls.add(url);
        long sentMs = System.currentTimeMillis();
        int status;
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(urls.get(url))).timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", StripeSigner.header(d.payload, secret))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload)).build(), HttpResponse.BodyHandlers.discarding());
            status = r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            status = 0; // no answer: refused, reset or timed out
        }
        if (status >= 200 && status < 300) {
            long now = System.currentTimeMillis();
            d.ackedBy = url;
            d.ackedMs = now;
            acks.add(new Ack(sentMs, now, url));
            done.countDown();
            return;
        }
        nonAcked.incrementAndGet();
        Duration next = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
        retries.schedule(() -> pool.execute(() -> attempt(d, (url + 1) % urls.size(), next, done)),
                backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the first 2xx to a try sent at or after {@code sinceMs} (epoch) came back, or -1. */
    long firstAckAfter(long sinceMs) {
        return acks.stream().filter(a -> a.sentMs() >= sinceMs).mapToLong(Ack::atMs).min().orElse(-1);
    }

    /** Same, counting only answers from url index {@code url}. */
    long firstAckAfter(long sinceMs, int url) {
        return acks.stream().filter(a -> a.sentMs() >= sinceMs && a.url() == url).mapToLong(Ack::atMs).min().orElse(-1);
    }

    @Override
    public void close() {
        stopped = true;
        retries.shutdownNow();
        pool.shutdownNow();
    }
}
