package io.memberflow.bench;

import io.memberflow.config.StripeProperties;
import io.memberflow.standin.StripeEvents;
import io.memberflow.standin.StripeSigner;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bench ack}: sends {@code --events} signed Stripe events (one new customer each, so every one is a
 * signal-with-start) from {@code --concurrency} threads to a running memberflow and prints acknowledgement
 * latency percentiles, throughput, and the server's JVM heap as its /prometheus endpoint reports it.
 */
public final class AckBench {
    private AckBench() {
    }

    public static int run(Map<String, String> options, PrintStream out) throws Exception {
        String url = options.getOrDefault("url", "http://127.0.0.1:8080/webhooks/stripe");
        String secret = options.getOrDefault("secret", StripeProperties.LOCAL_DEV_SECRET);
        int events = Integer.parseInt(options.getOrDefault("events", "400"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        List<String> payloads = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String customer = "cus_bench" + run + "x" + i;
            payloads.add(new StripeEvents(customer, "bench" + i + "@example.com", System.currentTimeMillis() / 1000)
                    .invoice("invoice.paid", "sub_" + i, "price_memberflow_demo", 2900));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String payload : payloads) {
            done.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .header("Stripe-Signature", StripeSigner.header(payload, secret))
                            .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode());
                    }
                } catch (Exception e) {
                    failures.add(0);
                }
                micros.add((System.nanoTime() - t0) / 1000);
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        out.printf("events %d, concurrency %d, non-200 %d, wall %.2f s, throughput %.1f events/s%n",
                events, concurrency, failures.size(), seconds, events / seconds);
        out.printf("ack latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0);
        String metricsUrl = url.replaceFirst("/webhooks/stripe$", "/prometheus");
        try {
            HttpRequest.Builder scrape = HttpRequest.newBuilder(URI.create(metricsUrl));
            String adminToken = options.getOrDefault("admin-token", System.getenv("ADMIN_TOKEN"));
            if (adminToken != null && !adminToken.isBlank()) {
                scrape.header("Authorization", "Bearer " + adminToken); // /prometheus needs it unless MEMBERFLOW_METRICS_PUBLIC=true
            }
            HttpResponse<String> scraped = http.send(scrape.build(), HttpResponse.BodyHandlers.ofString());
            if (scraped.statusCode() != 200) {
                throw new IllegalStateException(metricsUrl + " answered " + scraped.statusCode() + " (set ADMIN_TOKEN or --admin-token)");
            }
            String metrics = scraped.body();
            double heap = ProcessSampler.heapBytes(metrics);
            out.printf("server JVM heap in use after the run: %.0f MiB (from %s)%n", heap / 1048576, metricsUrl);
        } catch (Exception e) {
            out.println("server heap not read: " + e.getMessage());
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }
}
