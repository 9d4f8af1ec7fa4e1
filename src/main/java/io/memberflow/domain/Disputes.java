package io.memberflow.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The disputes known for one member, by Stripe dispute id. Stripe does not order webhook deliveries, so a
 * dispute can be reported closed before it is reported opened; the result must not depend on the order:
 * <ul>
 *   <li>a dispute is <em>open</em> once opened and until it is closed;</li>
 *   <li>a closure is final: an opening delivered after the closure changes nothing;</li>
 *   <li>{@code lost} wins over {@code won} (which includes {@code warning_closed}) if both are reported.</li>
 * </ul>
 * The member is blocked while any dispute is open or lost. Each list keeps at most {@link #MAX_IDS} ids,
 * dropping the oldest first; only a member with more open disputes than that at once can have one forgotten. An event without a dispute id, and a state written before ids were tracked,
 * are recorded under {@link #UNIDENTIFIED}; that entry is lifted by a won closure whose id is not open, and it
 * is never remembered as won, so a later dispute without an id blocks again.
 */
public record Disputes(List<String> openIds, List<String> lostIds, List<String> wonIds) {

    /** How many ids each list keeps. */
    public static final int MAX_IDS = 20;

    /** Stands for a dispute whose id is not known. Never a Stripe id, which start with {@code dp_} or {@code du_}. */
    public static final String UNIDENTIFIED = "(unidentified)";

    private static final Disputes NONE = new Disputes(List.of(), List.of(), List.of());

    public Disputes {
        openIds = RecentIds.newest(openIds, MAX_IDS);
        lostIds = RecentIds.newest(lostIds, MAX_IDS);
        wonIds = RecentIds.newest(wonIds, MAX_IDS);
        if (wonIds.contains(UNIDENTIFIED)) {
            wonIds = minus(wonIds, UNIDENTIFIED);
        }
    }

    public static Disputes none() {
        return NONE;
    }

    /** True while any dispute is open or lost. */
    public boolean blocking() {
        return !openIds.isEmpty() || !lostIds.isEmpty();
    }

    /** True if a closure (won or lost) has been recorded for this dispute. */
    public boolean closed(String disputeId) {
        String id = key(disputeId);
        return lostIds.contains(id) || wonIds.contains(id);
    }

    /** A dispute was opened; no change if it is already open or already closed. */
    public Disputes opened(String disputeId) {
        String id = key(disputeId);
        if (closed(id) || openIds.contains(id)) {
            return this;
        }
        return new Disputes(plus(openIds, id), lostIds, wonIds);
    }

    /** A dispute was closed in the merchant's favour; no change if it was lost or this was already known. */
    public Disputes won(String disputeId) {
        String id = key(disputeId);
        if (lostIds.contains(id) || wonIds.contains(id)) {
            return this;
        }
        List<String> open = new ArrayList<>(openIds);
        if (!open.remove(id)) {
            open.remove(UNIDENTIFIED);
        }
        List<String> won = id.equals(UNIDENTIFIED) ? wonIds : plus(wonIds, id);
        return new Disputes(open, lostIds, won);
    }

    /** A dispute was lost; it blocks from now on, whatever else is reported for it. */
    public Disputes lost(String disputeId) {
        String id = key(disputeId);
        return new Disputes(minus(openIds, id), plus(lostIds, id), minus(wonIds, id));
    }

    private static String key(String disputeId) {
        return disputeId == null || disputeId.isBlank() ? UNIDENTIFIED : disputeId;
    }

    private static List<String> plus(List<String> ids, String id) {
        if (ids.contains(id)) {
            return ids;
        }
        List<String> copy = new ArrayList<>(ids);
        copy.add(id);
        return copy;
    }

    private static List<String> minus(List<String> ids, String id) {
        List<String> copy = new ArrayList<>(ids);
        copy.remove(id);
        return List.copyOf(copy);
    }
}
