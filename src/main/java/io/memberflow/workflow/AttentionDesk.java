package io.memberflow.workflow;

import io.memberflow.domain.Attention;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.MemberState;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps "billing says access, the vendors cannot have it" from ever being silent: each current problem is kept
 * in the record (so the admin view and the {@code NeedsAttention} search attribute show it at once), gets one
 * support task per customer and kind once it has lasted its delay, and that task is resolved by memberflow when
 * the problem clears.
 */
final class AttentionDesk {
    private final CustomerBook book;

    AttentionDesk(CustomerBook book) {
        this.book = book;
    }

    /**
     * Brings the record's problems up to date: what billing's access lacks ({@link Attention#problems}) and the read
     * problems {@link BillingReads#problems} reports, each opening its support task once it has lasted its delay.
     */
    void update(EntitlementMachine machine, EngineSettings settings, boolean reads, List<Attention.Problem> readProblems) {
        MemberState m = book.record().member();
        List<Attention.Problem> current = new ArrayList<>(Attention.problems(m, machine.desired(m)));
        current.addAll(readProblems);
        long now = Workflow.currentTimeMillis();
        List<OpenProblem> next = new ArrayList<>();
        for (Attention.Problem p : current) {
            OpenProblem known = find(p.kind()).orElse(null);
            OpenProblem entry = known == null ? new OpenProblem(p.kind(), p.summary(), now, null)
                    : new OpenProblem(p.kind(), p.summary(), known.sinceMillis(), known.taskId());
            if (known == null) {
                book.note(now, "attention", p.kind() + ": " + p.summary());
            }
            if (entry.taskId() == null && now >= entry.sinceMillis() + delay(p.kind(), settings, reads)) {
                Long id = book.openTask(p.kind(), null, book.record().lastEventId(), p.summary(), Map.of(
                        "state", m.status().name(),
                        "plan", String.valueOf(m.planName()),
                        "lastEventId", String.valueOf(book.record().lastEventId()),
                        "recover", "memberflow resolves this task itself once the problem is gone"));
                entry = new OpenProblem(entry.kind(), entry.summary(), entry.sinceMillis(), id);
            }
            next.add(entry);
        }
        for (OpenProblem gone : book.record().problems()) {
            if (next.stream().noneMatch(p -> p.kind().equals(gone.kind()))) {
                book.note(now, "attention", gone.kind() + ": cleared");
                if (gone.taskId() != null) {
                    book.resolveTask(gone.taskId(), "memberflow", "the problem cleared by itself");
                }
            }
        }
        if (!next.equals(book.record().problems())) {
            book.change(r -> r.withProblems(next));
        }
    }

    /** The workflow time at which a problem without a task is due for one, if any. */
    Optional<Long> nextDeadline(EngineSettings settings, boolean reads) {
        return book.record().problems().stream().filter(p -> p.taskId() == null)
                .map(p -> p.sinceMillis() + delay(p.kind(), settings, reads)).min(Long::compare);
    }

    private Optional<OpenProblem> find(String kind) {
        return book.record().problems().stream().filter(p -> p.kind().equals(kind)).findFirst();
    }

    /** Without Stripe reads, the event that carries the e-mail address is often just late: give it time. */
    private static long delay(String kind, EngineSettings settings, boolean reads) {
        return Attention.EMAIL_MISSING.equals(kind) && !reads ? settings.emailWaitMillis() : 0L;
    }
}
