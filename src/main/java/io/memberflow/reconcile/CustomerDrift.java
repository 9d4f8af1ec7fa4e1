package io.memberflow.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one customer's check found: the Circle groups memberflow applied that Circle does not hold
 * ({@code circleMissing}), the Kit tags it applied that Kit lacks ({@code kitTagMissing}), the configured plan or
 * lifecycle tags Kit holds that memberflow did not apply ({@code kitTagExtra}), and the vendors whose check failed
 * ({@code failed}, e.g. {@code "kit HTTP 429"}). Ids only: never an e-mail address.
 */
public record CustomerDrift(String customerId, Set<Long> circleMissing, Set<Long> kitTagMissing, Set<Long> kitTagExtra,
                            List<String> failed, boolean noEmail) {

    public static final String OK = "ok";
    public static final String CIRCLE_MISSING = "circle_missing";
    public static final String KIT_TAG_MISSING = "kit_tag_missing";
    public static final String KIT_TAG_EXTRA = "kit_tag_extra";
    public static final String CHECK_FAILED = "check_failed";
    public static final String NO_EMAIL = "no_email";

    /** The kinds that apply, in a fixed order; {@code ok} alone when nothing is off. */
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        if (noEmail) {
            kinds.add(NO_EMAIL);
        }
        if (!circleMissing.isEmpty()) {
            kinds.add(CIRCLE_MISSING);
        }
        if (!kitTagMissing.isEmpty()) {
            kinds.add(KIT_TAG_MISSING);
        }
        if (!kitTagExtra.isEmpty()) {
            kinds.add(KIT_TAG_EXTRA);
        }
        if (!failed.isEmpty()) {
            kinds.add(CHECK_FAILED);
        }
        if (kinds.isEmpty()) {
            kinds.add(OK);
        }
        return kinds;
    }

    /** The ids behind one kind (empty for ok, no_email and check_failed). */
    public Set<Long> ids(String kind) {
        return switch (kind) {
            case CIRCLE_MISSING -> circleMissing;
            case KIT_TAG_MISSING -> kitTagMissing;
            case KIT_TAG_EXTRA -> kitTagExtra;
            default -> Set.of();
        };
    }
}
