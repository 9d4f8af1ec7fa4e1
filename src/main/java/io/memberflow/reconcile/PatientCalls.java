package io.memberflow.reconcile;

import com.stripe.exception.StripeException;
import io.memberflow.integrations.RatePacer;
import io.memberflow.integrations.VendorCallException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes one list or check request of a reconciliation run until it succeeds, waiting out what may pass: a 429 is
 * waited out as long as the vendor asked (Retry-After; Circle documents none and Kit sends none, so their clients
 * report {@code rate-limit-wait}, 60 s by default, the window both vendors describe), a 5xx, a timeout or no answer
 * is asked again after {@code backoff} doubling up to a minute. Each wait heartbeats every 10 s, so Temporal does
 * not take the activity for dead. One request that keeps failing for {@code giveUpAfter} fails the attempt
 * (Temporal retries the activity, which goes on from its last saved page). A final answer (401, 403, a missing
 * group or tag, a 4xx) throws {@link RunStopped} at once: repeating it cannot help and, at Circle, costs quota.
 */
final class PatientCalls {
    /** A vendor call of a run. */
    @FunctionalInterface
    interface Call<T> {
        T make() throws StripeException;
    }

    /** A final vendor answer: the run cannot go on until someone fixes the cause; the message says it in words. */
    static final class RunStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunStopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sleeps (tests replace it). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);

    private final Duration backoff;
    private final Duration giveUpAfter;
    private final Sleeper sleeper;
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong transientFailures = new AtomicLong();

    PatientCalls(Duration backoff, Duration giveUpAfter, Sleeper sleeper) {
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.sleeper = sleeper;
    }

    /**
     * @param vendor    {@code Circle}, {@code Kit} or {@code Stripe}, for messages
     * @param what      the request without personal data, e.g. {@code list access group 101 page 3}
     * @param pacer     waited on before every request, retries included
     * @param calls     counts every request sent, retries included
     * @param heartbeat called during waits
     */
    <T> T call(String vendor, String what, RatePacer pacer, AtomicLong calls, Runnable heartbeat, Call<T> call) {
        Duration waited = Duration.ZERO;
        Duration next = backoff;
        while (true) {
            pacer.acquire();
            calls.incrementAndGet();
            Duration wait;
            String why;
            try {
                return call.make();
            } catch (VendorCallException e) {
                if (!e.isRetryable()) {
                    throw new RunStopped(vendor + " answered for good while the run was reading (" + what + "): "
                            + e.getMessage(), e);
                }
                if (e.getHttpStatus() == 429) {
                    rateLimited.incrementAndGet();
                    wait = e.getRetryAfter() != null ? e.getRetryAfter() : MAX_BACKOFF;
                } else {
                    transientFailures.incrementAndGet();
                    wait = next;
                    next = min(next.multipliedBy(2), MAX_BACKOFF);
                }
                why = e.getHttpStatus() == 0 ? "no answer" : "HTTP " + e.getHttpStatus();
            } catch (StripeException e) {
                Integer status = e.getStatusCode();
                boolean transientAnswer = status == null || status == 429 || status >= 500 || status == 408;
                if (!transientAnswer) {
                    throw new RunStopped("Stripe answered HTTP " + status + " for good while the run was reading (" + what
                            + "): " + e.getClass().getSimpleName() + (status == 401 || status == 403
                            ? "; check STRIPE_API_KEY (a restricted key needs read access to subscriptions)" : ""), e);
                }
                if (status != null && status == 429) {
                    rateLimited.incrementAndGet();
                    wait = MAX_BACKOFF.compareTo(next) < 0 ? MAX_BACKOFF : next;
                } else {
                    transientFailures.incrementAndGet();
                    wait = next;
                }
                next = min(next.multipliedBy(2), MAX_BACKOFF);
                why = status == null ? "no answer" : "HTTP " + status;
            }
            waited = waited.plus(wait);
            if (waited.compareTo(giveUpAfter) > 0) {
                throw new IllegalStateException(vendor + " kept failing for " + giveUpAfter.toMinutes() + " min ("
                        + what + ", last " + why + "); Temporal retries the run from its last saved page");
            }
            pause(wait, heartbeat);
        }
    }

    private void pause(Duration wait, Runnable heartbeat) {
        Duration left = wait;
        try {
            while (!left.isZero() && !left.isNegative()) {
                Duration step = min(left, HEARTBEAT_EVERY);
                sleeper.sleep(step);
                left = left.minus(step);
                heartbeat.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to ask a vendor again", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
