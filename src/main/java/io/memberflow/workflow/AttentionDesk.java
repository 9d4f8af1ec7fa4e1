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
    static final String STRIPE_READ_FAILED = "stripe_read_failed";
    /** Stripe answers 404 for the customer while its events say it exists (version {@code charge-facts}). */
    static final String STRIPE_CUSTOMER_MISSING = "stripe_customer_missing";
    private final WorkflowContext ctx;

    AttentionDesk(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    /** Restores the read state a continued-as-new run carried in its problems. */
    void restore() {
        ctx.book.record().problems().stream().filter(p -> STRIPE_READ_FAILED.equals(p.kind())).findFirst().ifPresent(p -> {
            ctx.readFailure = p.summary();
            ctx.readWanted = true;
        });
        ctx.book.record().problems().stream().filter(p -> STRIPE_CUSTOMER_MISSING.equals(p.kind())).findFirst().ifPresent(p -> {
            ctx.customerMissing = p.summary();
            ctx.readWanted = true;
        });
    }

    void update(EntitlementMachine machine, EngineSettings settings, boolean reads) {
        MemberState m = ctx.book.record().member();
        List<Attention.Problem> current = new ArrayList<>(Attention.problems(m, machine.desired(m)));
        if (ctx.readFailure != null) {
            current.add(new Attention.Problem(STRIPE_READ_FAILED, ctx.readFailure));
        }
        if (ctx.customerMissing != null && reads) {
            current.add(new Attention.Problem(STRIPE_CUSTOMER_MISSING, ctx.customerMissing));
        }
        long now = Workflow.currentTimeMillis();
        List<OpenProblem> next = new ArrayList<>();
        for (Attention.Problem p : current) {
            OpenProblem known = find(p.kind()).orElse(null);
            OpenProblem entry = known == null ? new OpenProblem(p.kind(), p.summary(), now, null)
                    : new OpenProblem(p.kind(), p.summary(), known.sinceMillis(), known.taskId());
            if (known == null) {
                ctx.book.change(r -> r.noting(now, "attention", p.kind() + ": " + p.summary()));
            }
            if (entry.taskId() == null && now >= entry.sinceMillis() + delay(p.kind(), settings, reads)) {
                Long id = ctx.book.openTask(p.kind(), null, ctx.book.record().lastEventId(), p.summary(), Map.of(
                        "state", m.status().name(),
                        "plan", String.valueOf(m.planName()),
                        "lastEventId", String.valueOf(ctx.book.record().lastEventId()),
                        "recover", "memberflow resolves this task itself once the problem is gone"));
                entry = new OpenProblem(entry.kind(), entry.summary(), entry.sinceMillis(), id);
            }
            next.add(entry);
        }
        for (OpenProblem gone : ctx.book.record().problems()) {
            if (next.stream().noneMatch(p -> p.kind().equals(gone.kind()))) {
                ctx.book.change(r -> r.noting(now, "attention", gone.kind() + ": cleared"));
                if (gone.taskId() != null) {
                    ctx.book.resolveTask(gone.taskId(), "memberflow", "the problem cleared by itself");
                }
            }
        }
        if (!next.equals(ctx.book.record().problems())) {
            ctx.book.change(r -> r.withProblems(next));
        }
    }

    /** The workflow time at which a problem without a task is due for one, if any. */
    Optional<Long> nextDeadline(EngineSettings settings, boolean reads) {
        return ctx.book.record().problems().stream().filter(p -> p.taskId() == null)
                .map(p -> p.sinceMillis() + delay(p.kind(), settings, reads)).min(Long::compare);
    }

    private Optional<OpenProblem> find(String kind) {
        return ctx.book.record().problems().stream().filter(p -> p.kind().equals(kind)).findFirst();
    }

    /** Without Stripe reads, the event that carries the e-mail address is often just late: give it time. */
    private static long delay(String kind, EngineSettings settings, boolean reads) {
        return Attention.EMAIL_MISSING.equals(kind) && !reads ? settings.emailWaitMillis() : 0L;
    }
}
