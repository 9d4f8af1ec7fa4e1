package io.memberflow.persistence;

import java.time.Instant;
import java.util.List;

/** What the admin console reads in one go: plain rows, no behaviour. */
public final class ConsoleRows {
    private ConsoleRows() {
    }

    /** One page of members and how many match in all. */
    public record MemberPage(List<CustomerView> members, long total, int limit, int offset) {
    }

    /** One vendor's calls as the audit trail recorded them. */
    public record VendorAudit(String vendor, Instant lastSuccessAt, Instant lastFailureAt, String lastFailure,
                              long callsLastHour, long failuresLastHour) {
    }

    /** A customer who needs attention, and since when (their oldest open task, else the projection's update). */
    public record AttentionRow(CustomerView customer, Instant since) {
    }
}
