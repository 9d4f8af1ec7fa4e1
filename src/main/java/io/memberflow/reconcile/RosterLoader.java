package io.memberflow.reconcile;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.memberflow.integrations.RatePacer;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.circle.AccessGroupMember;
import io.memberflow.integrations.circle.AccessGroupMemberPage;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.integrations.kit.TaggedSubscriber;
import io.memberflow.integrations.kit.TaggedSubscriberPage;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Lists what Circle, Kit and Stripe hold into a {@link Roster}: each configured paid group's members (100 a page),
 * each configured tag's subscribers (1,000 a page) and Stripe's live subscriptions (100 a page). Every request first
 * waits its turn at that vendor's {@link RatePacer}; a 429 is waited out (the vendor's Retry-After; Kit sends none
 * and its client reports its 60 s window; {@code rateLimitWait} otherwise) and the same page asked again, at most {@value #MAX_RATE_LIMITED} times in a row. Any other failure
 * is thrown: a roster with holes would report drift that is not there. A null client means "not checked".
 */
final class RosterLoader {
    static final int MAX_RATE_LIMITED = 5;
    private final CircleClient circle;
    private final KitClient kit;
    private final StripeClient stripe;
    private final RatePacer circlePacer;
    private final RatePacer kitPacer;
    private final RatePacer stripePacer;
    private final Duration rateLimitWait;
    final AtomicLong circleCalls = new AtomicLong();
    final AtomicLong kitCalls = new AtomicLong();
    final AtomicLong stripeCalls = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();

    RosterLoader(@Nullable CircleClient circle, @Nullable KitClient kit, @Nullable StripeClient stripe,
                 RatePacer circlePacer, RatePacer kitPacer, RatePacer stripePacer, Duration rateLimitWait) {
        this.circle = circle;
        this.kit = kit;
        this.stripe = stripe;
        this.circlePacer = circlePacer;
        this.kitPacer = kitPacer;
        this.stripePacer = stripePacer;
        this.rateLimitWait = rateLimitWait;
    }

    /** @param progress called after every page (the caller heartbeats there) */
    Roster load(Set<Long> paidGroups, Set<Long> tags, Runnable progress) {
        Roster roster = new Roster(circle != null, kit != null, stripe != null);
        if (circle != null) {
            for (long group : paidGroups) {
                listGroup(roster, group, progress);
            }
        }
        if (kit != null) {
            for (long tag : tags) {
                String after = null;
                do {
                    String cursor = after;
                    TaggedSubscriberPage page = vendor(kitPacer, kitCalls, () -> kit.tagSubscribers(tag, cursor, 1000));
                    for (TaggedSubscriber s : page.subscribers()) {
                        if (s.email() != null) {
                            roster.kitSubscriber(tag, s.email(), s.state());
                        }
                    }
                    after = page.nextCursor();
                    progress.run();
                } while (after != null);
            }
        }
        if (stripe != null) {
            listSubscriptions(roster, progress);
        }
        return roster;
    }

    /** One membership check, for a group whose listing gave no addresses. */
    boolean circleHolds(long group, String email) {
        return vendor(circlePacer, circleCalls, () -> circle.isInAccessGroup(group, email));
    }

    private void listGroup(Roster roster, long group, Runnable progress) {
        int page = 1;
        boolean more;
        do {
            int number = page;
            AccessGroupMemberPage listed = vendor(circlePacer, circleCalls, () -> circle.accessGroupMembers(group, number, 100));
            for (AccessGroupMember m : listed.members()) {
                if (m.email() == null || m.email().isBlank()) {
                    roster.circleUnlisted.add(group);
                } else {
                    roster.circleMember(group, m.communityMemberId(), m.email());
                }
            }
            more = listed.hasNextPage() && !listed.members().isEmpty();
            page++;
            progress.run();
        } while (more);
    }

    private void listSubscriptions(Roster roster, Runnable progress) {
        String after = null;
        boolean more;
        do {
            SubscriptionListParams.Builder params = SubscriptionListParams.builder().setLimit(100L);
            if (after != null) {
                params.setStartingAfter(after);
            }
            StripeCollection<Subscription> page = stripePage(params.build());
            for (Subscription s : page.getData()) {
                if (s.getCustomer() != null) {
                    roster.stripeSubscription(s.getCustomer(), s.getStatus());
                }
                after = s.getId();
            }
            more = Boolean.TRUE.equals(page.getHasMore()) && !page.getData().isEmpty();
            progress.run();
        } while (more);
    }

    private StripeCollection<Subscription> stripePage(SubscriptionListParams params) {
        for (int attempt = 1; ; attempt++) {
            stripePacer.acquire();
            stripeCalls.incrementAndGet();
            try {
                return stripe.v1().subscriptions().list(params);
            } catch (StripeException e) {
                Integer status = e.getStatusCode();
                if (status == null || status != 429 || attempt >= MAX_RATE_LIMITED) {
                    throw new IllegalStateException("stripe subscription list failed: HTTP " + status, e);
                }
                rateLimited.incrementAndGet();
                sleep(rateLimitWait);
            }
        }
    }

    private <T> T vendor(RatePacer pacer, AtomicLong calls, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            pacer.acquire();
            calls.incrementAndGet();
            try {
                return call.get();
            } catch (VendorCallException e) {
                if (e.getHttpStatus() != 429 || attempt >= MAX_RATE_LIMITED) {
                    throw e;
                }
                rateLimited.incrementAndGet();
                sleep(e.getRetryAfter() != null ? e.getRetryAfter() : rateLimitWait);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting out a rate limit", e);
        }
    }
}
