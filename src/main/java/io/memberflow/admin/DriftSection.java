package io.memberflow.admin;

import java.time.Instant;
import java.util.Map;

import static io.memberflow.admin.Html.esc;

/** The overview's "Drift" section: the newest reconciliation run, its progress or what it found and did. */
final class DriftSection {
    private DriftSection() {
    }

    static String render(Overview.Drift d, Instant now) {
        StringBuilder b = new StringBuilder("<h2>Drift <span class=\"muted\">(Circle and Kit against billing)</span></h2>");
        if (d == null) {
            return b.append("<p id=\"drift\" class=\"muted\">No reconciliation has run yet. It runs on the Temporal"
                    + " Schedule drift-reconcile, or now with POST /admin/reconcile/runs.</p>").toString();
        }
        b.append("<table id=\"drift\">");
        String when = "running".equals(d.status()) ? "started " + TimeWords.html(d.startedAt(), now)
                : d.status() + " " + TimeWords.html(d.finishedAt(), now);
        b.append(row("Last run", "<code>" + esc(d.runId()) + "</code> (" + esc(d.mode()) + "), " + when));
        String progress = d.checked() + " of " + d.total() + " customers checked";
        if (d.etaSeconds() != null) {
            progress += ", about " + TimeWords.duration(java.time.Duration.ofSeconds(d.etaSeconds())) + " left";
        }
        b.append(row("Progress", "<span id=\"drift-progress\">" + esc(progress) + "</span> "
                + Svg.progress(d.checked(), d.total(), "drift-progress-bar")));
        b.append(row("Found", "<span id=\"drift-found\">" + found(d.drift()) + "</span>"));
        b.append(row("Done about it", d.repairsSent() + " customer(s) sent to their workflow for repair, "
                + d.tasksOpened() + " support task(s) for what memberflow must not decide alone"));
        if ("paused_quota".equals(d.status())) {
            b.append(row("Paused", "<span class=\"failure\">" + esc(d.error()) + "</span> (the next scheduled run after"
                    + " the count starts again goes on; to go on now: POST /admin/reconcile/runs {\"resume\":\""
                    + esc(d.runId()) + "\",\"overQuota\":true})"));
        } else if (d.error() != null) {
            b.append(row("Stopped by", "<span class=\"failure\">" + esc(d.error()) + "</span> (resume it: POST"
                    + " /admin/reconcile/runs {\"resume\":\"" + esc(d.runId()) + "\"})"));
        }
        return b.append("</table>").toString();
    }

    private static String found(Map<String, Integer> drift) {
        if (drift.isEmpty()) {
            return "no drift";
        }
        StringBuilder s = new StringBuilder();
        drift.forEach((kind, n) -> s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(esc(words(kind))));
        return s.toString();
    }

    /** The report's kinds in words. */
    static String words(String kind) {
        return switch (kind) {
            case "circle_missing" -> "customer(s) missing from a Circle group";
            case "circle_extra" -> "customer(s) in a paid Circle group billing does not give";
            case "kit_tag_missing" -> "customer(s) missing a Kit tag";
            case "kit_tag_extra" -> "customer(s) with a Kit tag memberflow did not add";
            case "billing_ended" -> "customer(s) with access after Stripe ended it";
            case "billing_started" -> "customer(s) without the access Stripe gives";
            case "circle_unknown_member" -> "Circle member(s) in a paid group with no Stripe customer";
            case "no_email" -> "customer(s) with groups or tags but no e-mail address";
            case "repair_failed" -> "customer(s) without a workflow to repair";
            default -> kind;
        };
    }

    private static String row(String label, String html) {
        return "<tr><th>" + esc(label) + "</th><td>" + html + "</td></tr>";
    }
}
