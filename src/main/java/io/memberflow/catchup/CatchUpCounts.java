package io.memberflow.catchup;

/**
 * What one catch-up run found: the window it listed ({@code created} from/until, epoch seconds), the pages read,
 * the events seen, the ones it recorded because the inbox lacked them ({@code recovered}), the ones already there
 * ({@code alreadyKnown}) and the ones it could not read ({@code unreadable}, their ids are logged).
 */
public record CatchUpCounts(long fromEpochSecond, long untilEpochSecond, int pages, int seen, int recovered,
                            int alreadyKnown, int unreadable) {

    @Override
    public String toString() {
        return "seen " + seen + ", recovered " + recovered + ", already known " + alreadyKnown
                + (unreadable > 0 ? ", unreadable " + unreadable : "") + " (" + pages + " page(s), created "
                + java.time.Instant.ofEpochSecond(fromEpochSecond) + " .. " + java.time.Instant.ofEpochSecond(untilEpochSecond) + ")";
    }
}
