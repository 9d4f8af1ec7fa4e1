package io.memberflow.workflow;

import io.memberflow.activities.AuditEntry;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.activities.RecordKeepingActivities;
import io.memberflow.domain.MemberState;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.util.List;
import java.util.Objects;

/**
 * Makes a customer's state visible outside the workflow: typed search attributes for the Temporal UI and CLI
 * ({@code MemberState}, {@code NeedsAttention}, {@code PlanName}; never an e-mail address), and the admin view's
 * projection plus audit trail in PostgreSQL through {@link RecordKeepingActivities}: from version {@code lean-tasks} as
 * a local activity inside the workflow task that changed the record, before that as an activity of its own. A local
 * activity runs before its task completes, so a worker killed mid-task leaves rows the completing attempt may number
 * differently; each write carries the task's workflow clock and the store lets the later task's rows win.
 */
final class Publication {
    static final SearchAttributeKey<String> MEMBER_STATE = SearchAttributeKey.forKeyword("MemberState");
    static final SearchAttributeKey<Boolean> NEEDS_ATTENTION = SearchAttributeKey.forBoolean("NeedsAttention");
    static final SearchAttributeKey<String> PLAN_NAME = SearchAttributeKey.forKeyword("PlanName");

    private final CustomerBook book;
    private final Versions versions;
    private final RecordKeepingActivities records;
    private final RecordKeepingActivities localRecords;
    private String upserted;
    private long failedAtSeq = -1;
    /** The requirements the projection was last given (null: none written by this run yet). */
    private io.memberflow.domain.Entitlements publishedRequired;

    Publication(CustomerBook book, ActivityPolicies policies, Versions versions) {
        this.book = book;
        this.versions = versions;
        this.records = Workflow.newActivityStub(RecordKeepingActivities.class, policies.support());
        this.localRecords = Workflow.newLocalActivityStub(RecordKeepingActivities.class, policies.projection());
    }

    /** True when the record has changes the projection has not seen. */
    boolean behind() {
        return !book.record().unsent().isEmpty() && book.record().seq() != failedAtSeq;
    }

    void publish() {
        publish(null);
    }

    /** @param desired what billing requires at the vendors; with it, {@code accessGranted} says what Circle has */
    void publish(io.memberflow.domain.Entitlements desired) {
        publishNow(desired);
    }

    /**
     * Access as Circle has it: billing grants access and every access group it requires has been applied. Without
     * {@code desired} (runs before {@code billing-truth}) it is what billing says, as those runs recorded it.
     */
    static boolean accessApplied(MemberState m, io.memberflow.domain.Entitlements desired) {
        if (desired == null) {
            return m.accessGranted();
        }
        return m.accessGranted() && !desired.accessGroupIds().isEmpty()
                && m.applied().accessGroupIds().containsAll(desired.accessGroupIds());
    }

    /**
     * Version {@code shared-address}: when groups or tags are about to change at Circle or Kit, first writes what
     * billing now requires to the projection, so another customer of the same address sees it before either of them
     * acts there ({@link AddressGuard}): a grant is never undone by a removal that did not see it, and two customers
     * who both stop requiring a group do not each keep it for the other. Nothing is written when the projection
     * already has these requirements.
     */
    void publishBeforeChanging(io.memberflow.domain.Entitlements desired) {
        io.memberflow.domain.Entitlements applied = book.record().member().applied();
        if (!applied.equals(desired) && book.record().member().email() != null && !desired.equals(publishedRequired)) {
            publishNow(desired);
        }
    }

    private void publishNow(io.memberflow.domain.Entitlements desired) {
        CustomerRecord r = book.record();
        MemberState m = r.member();
        String plan = m.accessPlanName() == null ? "none" : m.accessPlanName();
        String attributes = m.status().name() + "|" + r.needsAttention() + "|" + plan;
        if (!Objects.equals(attributes, upserted)) {
            Workflow.upsertTypedSearchAttributes(MEMBER_STATE.valueSet(m.status().name()),
                    NEEDS_ATTENTION.valueSet(r.needsAttention()), PLAN_NAME.valueSet(plan));
            upserted = attributes;
        }
        boolean newRequirements = desired != null && !desired.equals(publishedRequired);
        if (r.unsent().isEmpty() && !(versions.sharedAddress() && newRequirements)) {
            return;
        }
        List<AuditEntry> entries = r.unsent().stream()
                .map(e -> new AuditEntry(e.seq(), e.atMillis(), e.kind(), e.actor(), e.eventId(), e.text())).toList();
        CustomerSnapshot snapshot = new CustomerSnapshot(r.customerId(), Workflow.getInfo().getWorkflowId(),
                m.email(), m.status().name(), m.accessPlanName(), accessApplied(m, desired), m.applied().accessGroupIds(),
                m.applied().tagIds(), m.override().name(), r.lastEventId(), r.lastEventType(), r.lastEventAt(),
                r.needsAttention(), r.lastFailure(), r.seq(), r.attentionReason(),
                desired == null ? null : desired.accessGroupIds(), desired == null ? null : desired.tagIds(),
                Workflow.currentTimeMillis());
        try {
            (versions.leanTasks() ? localRecords : records).record(snapshot, entries);
            book.change(current -> current.sentUpTo(snapshot.revision()));
            publishedRequired = desired;
        } catch (ActivityFailure failure) {
            failedAtSeq = r.seq(); // try again with the next change, not in a loop
            Workflow.getLogger(Publication.class).warn("Could not update the customer view of {}: {}",
                    r.customerId(), failure.getMessage());
        }
    }
}
