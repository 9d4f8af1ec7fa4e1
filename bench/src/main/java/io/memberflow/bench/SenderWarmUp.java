package io.memberflow.bench;

import com.sun.net.httpserver.HttpServer;
import io.memberflow.standin.StripeStandIn;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Warms the bench's own sending before it starts memberflow: the journey sender posts signed signup events for
 * {@link #SECONDS} at the run's rate to a throwaway endpoint on 127.0.0.1 in this JVM that answers 200 at once.
 * A first-minute measurement then times a cold memberflow, not also a cold load generator: until it is compiled,
 * the JDK's HTTP client and the signing add their own milliseconds to every acknowledgement (bench/RESULTS.md,
 * "A gentle start"). Stripe's senders are never cold.
 */
final class SenderWarmUp {
    static final int SECONDS = 5;

    private SenderWarmUp() {
    }

    /** Sends {@code SECONDS} of journeys at {@code rate} to a local sink; returns how many were answered 200. */
    static int run(double rate, int connections, String secret, StripeStandIn stripe, long created) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        sink.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        sink.setExecutor(pool);
        sink.start();
        try {
            int journeys = (int) Math.max(1, Math.round(rate * SECONDS / JourneySender.TYPES.size()));
            List<StripeObjects> customers = JourneyBench.customers("senderwarm", "sender-warm", journeys, created);
            String url = "http://127.0.0.1:" + sink.getAddress().getPort() + "/webhooks/stripe";
            JourneySender sender = new JourneySender(customers, stripe, url, secret, connections);
            sender.run(rate, "shuffled", 0);
            return (int) sender.sent.stream().filter(e -> e.status() == 200).count();
        } finally {
            sink.stop(0);
            pool.shutdownNow();
        }
    }
}
