package io.memberflow.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The bench JVM's own collections (the sender's and the stand-ins'), read from its collector beans: a pause in this
 * JVM delays sends and answers alike and shows in the acknowledgement measured from the send, not in memberflow's.
 */
record OwnGc(long collections, long millis) {

    static OwnGc now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new OwnGc(count, millis);
    }

    OwnGc since(OwnGc before) {
        return new OwnGc(collections - before.collections, millis - before.millis);
    }
}
