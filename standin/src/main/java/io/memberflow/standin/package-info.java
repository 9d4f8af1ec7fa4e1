/**
 * Faithful stand-ins for the vendors memberflow talks to: Circle's Admin API v2 ({@link io.memberflow.standin.CircleStandIn}),
 * Kit's API v4 ({@link io.memberflow.standin.KitStandIn}) and the part of Stripe's API memberflow reads
 * ({@link io.memberflow.standin.StripeStandIn}), each a small HTTP server on 127.0.0.1, and Stripe's sending side: signed
 * webhook events as Stripe shapes them ({@link io.memberflow.standin.StripeEvents}, {@link io.memberflow.standin.StripeSigner}).
 * The service's tests (test scope), the end-to-end suite and the {@code bench} module all use this one module, so every
 * test takes the path the real API offers.
 *
 * <p>Each follows only what its vendor documents (shapes, paging, error bodies, status codes, rate limits, quota
 * counting); where the vendor is silent the stand-in picks the least convenient plausible answer or makes it
 * configurable, and says so. Each has a conformance test naming its sources. The module depends on the JDK and
 * Jackson only (no memberflow code): it is the Maven module {@code memberflow-standin}, never in the service jar.
 */
package io.memberflow.standin;
