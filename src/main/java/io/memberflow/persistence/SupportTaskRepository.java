package io.memberflow.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SupportTaskRepository extends CrudRepository<SupportTask, Long> {

    /** Opens a task unless its key exists; returns 1 if this call opened it. */
    @Query("""
            INSERT INTO support_task (task_key, customer_id, kind, cause_event_id, summary, context, status, created_at)
            VALUES (:taskKey, :customerId, :kind, :causeEventId, :summary, :context, 'open', :createdAt)
            ON CONFLICT (task_key) WHERE status = 'open' DO NOTHING""")
    int insertIfAbsent(String taskKey, String customerId, String kind, @Nullable String causeEventId,
                       String summary, String context, Instant createdAt);

    /** Refreshes the summary and context of the open task with this key; returns 0 when none is open. */
    @Query("""
            UPDATE support_task SET summary = :summary, context = :context, updated_at = :at
            WHERE task_key = :taskKey AND status = 'open'""")
    int updateOpen(String taskKey, String summary, String context, Instant at);

    Optional<SupportTask> findByTaskKeyAndStatus(String taskKey, String status);

    /** The newest task with this key, open or resolved. */
    Optional<SupportTask> findFirstByTaskKeyOrderByCreatedAtDesc(String taskKey);

    List<SupportTask> findByStatusOrderByCreatedAtDesc(String status);

    List<SupportTask> findByCustomerIdOrderByCreatedAtDesc(String customerId);

    long countByStatus(String status);

    /** Returns 1 when the task was open and is now resolved. */
    @Query("""
            UPDATE support_task SET status = 'resolved', resolved_at = :at, resolved_by = :actor, resolution = :reason
            WHERE id = :id AND status = 'open'""")
    int resolve(long id, Instant at, String actor, String reason);
}
