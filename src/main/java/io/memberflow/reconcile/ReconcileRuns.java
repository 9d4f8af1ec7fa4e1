package io.memberflow.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code reconcile_run} table: one row per run, rewritten after every page of customers. */
@Singleton
public class ReconcileRuns {
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Long>> CALLS = new TypeReference<>() { };
    private static final TypeReference<List<DriftExample>> EXAMPLES = new TypeReference<>() { };
    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public ReconcileRuns(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Inserts or replaces the row of {@code run.id()}. */
    @Transactional
    public void save(ReconcileRun run) {
        String sql = """
                INSERT INTO reconcile_run (id, mode, trigger_name, status, started_at, updated_at, finished_at, total,
                  checked, cursor_id, counts, examples, calls, repairs_sent, tasks_opened, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET mode = EXCLUDED.mode, status = EXCLUDED.status,
                  updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at, total = EXCLUDED.total,
                  checked = EXCLUDED.checked, cursor_id = EXCLUDED.cursor_id, counts = EXCLUDED.counts,
                  examples = EXCLUDED.examples, calls = EXCLUDED.calls, repairs_sent = EXCLUDED.repairs_sent,
                  tasks_opened = EXCLUDED.tasks_opened, error = EXCLUDED.error""";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, run.id());
            st.setString(i++, run.mode());
            st.setString(i++, run.trigger());
            st.setString(i++, run.status());
            st.setTimestamp(i++, Timestamp.from(run.startedAt()));
            st.setTimestamp(i++, Timestamp.from(run.updatedAt()));
            st.setTimestamp(i++, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
            st.setInt(i++, run.total());
            st.setInt(i++, run.checked());
            st.setString(i++, run.cursor());
            st.setString(i++, mapper.writeValueAsString(run.counts()));
            st.setString(i++, mapper.writeValueAsString(run.examples()));
            st.setString(i++, mapper.writeValueAsString(run.calls()));
            st.setInt(i++, run.repairsSent());
            st.setInt(i++, run.tasksOpened());
            st.setString(i, run.error() == null ? null : run.error().substring(0, Math.min(1000, run.error().length())));
            st.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not save reconciliation run " + run.id() + ": " + e.getMessage(), e);
        }
    }

    @Transactional
    public Optional<ReconcileRun> find(String id) {
        List<ReconcileRun> rows = query("SELECT * FROM reconcile_run WHERE id = ?", id, 1);
        return rows.stream().findFirst();
    }

    /** The newest runs first. */
    @Transactional
    public List<ReconcileRun> recent(int limit) {
        return query("SELECT * FROM reconcile_run ORDER BY started_at DESC LIMIT ?", null, Math.max(1, Math.min(100, limit)));
    }

    private List<ReconcileRun> query(String sql, String id, int limit) {
        List<ReconcileRun> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (id != null) {
                st.setString(1, id);
            } else {
                st.setInt(1, limit);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read reconciliation runs: " + e.getMessage(), e);
        }
        return rows;
    }

    private ReconcileRun row(ResultSet rs) throws SQLException, JsonProcessingException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ReconcileRun(rs.getString("id"), rs.getString("mode"), rs.getString("trigger_name"),
                rs.getString("status"), rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("total"), rs.getInt("checked"),
                rs.getString("cursor_id"), mapper.readValue(rs.getString("counts"), COUNTS),
                mapper.readValue(rs.getString("examples"), EXAMPLES), mapper.readValue(rs.getString("calls"), CALLS),
                rs.getInt("repairs_sent"), rs.getInt("tasks_opened"), rs.getString("error"));
    }
}
