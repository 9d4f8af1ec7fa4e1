package io.memberflow.reconcile;

import com.stripe.StripeClient;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.memberflow.integrations.RatePacer;
import io.memberflow.integrations.circle.AccessGroupMember;
import io.memberflow.integrations.circle.AccessGroupMemberPage;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.circle.CircleMember;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.integrations.kit.TaggedSubscriber;
import io.memberflow.integrations.kit.TaggedSubscriberPage;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lists what Circle, Kit and Stripe hold into a {@link Roster}: each configured paid group's members (100 a page, ids
 * only, then matched to customers by {@link ListedMembers}, which looks up ids it does not know), each configured
 * tag's subscribers (1,000 a page) and Stripe's live subscriptions (100 a page). Every request first
 * waits its turn at that vendor's {@link RatePacer} and is made through {@link PatientCalls}: a 429, a 5xx, a timeout
 * are waited out and the same page asked again; a final answer stops the run in words. The roster never has holes,
 * which would report drift that is not there. A null client means "not checked".
 */
final class RosterLoader {
    private final CircleClient circle;
    private final KitClient kit;
    private final StripeClient stripe;
    private final RatePacer circlePacer;
    private final RatePacer kitPacer;
    private final RatePacer stripePacer;
    private final PatientCalls patient;
    private volatile Runnable heartbeat = () -> { };
    final AtomicLong circleCalls = new AtomicLong();
    final AtomicLong kitCalls = new AtomicLong();
    final AtomicLong stripeCalls = new AtomicLong();
    /** Circle member lookups among {@link #circleCalls}. */
    final AtomicLong circleLookups = new AtomicLong();
    private final ListedMembers members;
    private final CircleBudget budget;

    /** Background work's share of Circle's monthly quota: {@link #require} throws before a run would go past it. */
    @FunctionalInterface
    interface CircleBudget {
        CircleBudget UNLIMITED = (requests, what) -> { };

        /** @throws io.memberflow.quota.QuotaPaused when {@code requests} more would go past the share */
        void require(long requests, String what);
    }

    RosterLoader(@Nullable CircleClient circle, @Nullable KitClient kit, @Nullable StripeClient stripe,
                 RatePacer circlePacer, RatePacer kitPacer, RatePacer stripePacer, PatientCalls patient,
                 ListedMembers members, CircleBudget budget) {
        this.members = members;
        this.budget = budget;
        this.circle = circle;
        this.kit = kit;
        this.stripe = stripe;
        this.circlePacer = circlePacer;
        this.kitPacer = kitPacer;
        this.stripePacer = stripePacer;
        this.patient = patient;
    }

    /** @param progress called after every page (the caller heartbeats there) */
    Roster load(Set<Long> paidGroups, Set<Long> tags, Runnable progress) {
        this.heartbeat = progress;
        Roster roster = new Roster(circle != null, kit != null, stripe != null);
        if (circle != null) {
            int left = paidGroups.size();
            for (long group : paidGroups) {
                listGroup(roster, group, --left, progress);
            }
            members.resolve(roster, this::lookUp, progress);
        }
        if (kit != null) {
            members.sharedTags(roster);
            for (long tag : tags) {
                String after = null;
                do {
                    String cursor = after;
                    TaggedSubscriberPage page = patient.call("Kit", "list subscribers of tag " + tag, kitPacer, kitCalls,
                            heartbeat, () -> kit.tagSubscribers(tag, cursor, 1000));
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

    /**
     * Lists one group. Before its first page, the budget must cover that page and the first pages of the groups left;
     * once {@code page_count} is known, the rest of this group and those first pages; then every further page.
     */
    private void listGroup(Roster roster, long group, int groupsLeft, Runnable progress) {
        int page = 1;
        boolean more;
        budget.require(1 + groupsLeft, "listing the paid Circle groups");
        do {
            int number = page;
            if (page > 1) {
                budget.require(1, "listing access group " + group);
            }
            AccessGroupMemberPage listed = patient.call("Circle", "list access group " + group + " page " + number,
                    circlePacer, circleCalls, heartbeat, () -> circle.accessGroupMembers(group, number, 100));
            for (AccessGroupMember m : listed.members()) {
                roster.circleListed(group, m.communityMemberId());
            }
            more = listed.hasNextPage() && !listed.members().isEmpty();
            if (page == 1 && more && listed.pageCount() != null) {
                budget.require(listed.pageCount() - 1L + groupsLeft, "listing access group " + group + " ("
                        + listed.pageCount() + " pages)");
            }
            page++;
            progress.run();
        } while (more);
    }

    /** One member by id, for {@link ListedMembers}; counted in {@link #circleLookups} too. */
    private Optional<CircleMember> lookUp(long memberId) {
        budget.require(1, "looking up a Circle member no customer is known for");
        circleLookups.incrementAndGet();
        return patient.call("Circle", "read member " + memberId, circlePacer, circleCalls, heartbeat,
                () -> circle.member(memberId));
    }

    private void listSubscriptions(Roster roster, Runnable progress) {
        String after = null;
        boolean more;
        do {
            SubscriptionListParams.Builder params = SubscriptionListParams.builder().setLimit(100L);
            if (after != null) {
                params.setStartingAfter(after);
            }
            SubscriptionListParams built = params.build();
            StripeCollection<Subscription> page = patient.call("Stripe", "list subscriptions", stripePacer, stripeCalls,
                    heartbeat, () -> stripe.v1().subscriptions().list(built));
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

    /** 429s waited out so far (all vendors). */
    long rateLimited() {
        return patient.rateLimited.get();
    }

    /** 5xx answers, timeouts and missing answers asked again so far (all vendors). */
    long transientFailures() {
        return patient.transientFailures.get();
    }
}
