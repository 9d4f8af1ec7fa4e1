/**
 * Faithful stand-ins for the vendors memberflow talks to: Circle's Admin API v2 ({@link io.memberflow.standin.CircleStandIn}),
 * Kit's API v4 ({@link io.memberflow.standin.KitStandIn}) and the part of Stripe's API memberflow reads
 * ({@link io.memberflow.standin.StripeStandIn}), each a small HTTP server on 127.0.0.1. The unit tests, the end-to-end
 * suite and {@code bench} all use these, so every test takes the path the real API offers.
 *
 * <p>Each follows only what its vendor documents (shapes, paging, error bodies, status codes, rate limits, quota
 * counting); where the vendor is silent the stand-in picks the least convenient plausible answer or makes it
 * configurable, and says so. Each has a conformance test naming its sources. The package depends on the JDK and
 * Jackson only (no memberflow code), so it can move to a module of its own.
 */
package io.memberflow.standin;
