package io.memberflow.persistence;

import java.time.Instant;

/** One line of the audit trail, as the admin view shows it. */
public record AuditRow(Instant at, String kind, String actor, String eventId, String detail) {
}
