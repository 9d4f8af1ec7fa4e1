package io.memberflow.sync;

import io.memberflow.observability.Metrics;
import io.memberflow.persistence.ShadowCall;
import io.memberflow.persistence.ShadowCallRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Shadow mode: an integration without credentials records the call it would have made, in the log and in the
 * {@code shadow_call} table, and counts it as a {@code shadow} outcome, instead of calling out. Never records an
 * e-mail address. Used by {@link ShadowCommunityAccess} and {@link ShadowMarketing}.
 */
@Singleton
public class ShadowRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowRecorder.class);
    private final ShadowCallRepository calls;
    private final Metrics metrics;

    public ShadowRecorder(ShadowCallRepository calls, Metrics metrics) {
        this.calls = calls;
        this.metrics = metrics;
    }

    public void record(String vendor, String operation, String customerId, Collection<Long> ids, String cause) {
        String targets = ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        calls.save(new ShadowCall(null, vendor, operation, customerId, targets, cause, Instant.now()));
        VendorCalls.count(metrics, vendor, operation, "shadow");
        LOG.info("SHADOW {} {} [{}] for {} (cause {}): no credentials, call recorded instead of made",
                vendor, operation, targets, customerId, cause);
    }

    /** The start-up warning of a vendor in shadow mode. */
    static void warn(String credential, String vendorName) {
        LOG.warn("{} is not set: {} runs in shadow mode (calls are recorded, not made)", credential, vendorName);
    }
}
