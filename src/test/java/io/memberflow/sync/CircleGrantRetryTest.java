package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.memberflow.integrations.VendorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retried grant looks before it grants: after a timeout or a worker crash, Circle may already hold the group the
 * first attempt added, and it is not sent twice. A first attempt grants without looking (one call fewer).
 */
@MicronautTest
class CircleGrantRetryTest implements DatabaseTest {
    private static final MockWebServer CIRCLE = new MockWebServer();
    private static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());
    /** Access groups the stand-in says the member is in. */
    private static final Set<String> HELD = Collections.synchronizedSet(new java.util.HashSet<>());

    static {
        CIRCLE.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath().replace("/api/admin/v2/", "");
                CALLS.add(request.getMethod() + " " + path);
                if (path.equals("community_members/search")) {
                    return json(404, "{\"success\":false,\"message\":\"Missing record: community member\"}");
                }
                if (path.equals("community_members") && request.getMethod().equals("POST")) {
                    return json(201, "{\"message\":\"created\",\"community_member\":{\"id\":77,"
                            + "\"email\":\"member@example.com\",\"active\":true}}");
                }
                if (path.matches("access_groups/\\d+/community_member") && request.getMethod().equals("GET")) {
                    String group = path.split("/")[1];
                    return HELD.contains(group) ? json(200, "{\"id\":77}") : json(404, "{\"message\":\"Not found\"}");
                }
                return json(201, "{\"message\":\"added\"}");
            }
        });
        try {
            CIRCLE.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.circle.api-token", "circle-token", "memberflow.circle.api-url",
                CIRCLE.url("/api/admin/v2").toString());
    }

    @AfterAll
    void stop() throws IOException {
        CIRCLE.shutdown();
    }

    @Inject
    CircleCommunityAccess circle;

    @BeforeEach
    void reset() {
        CALLS.clear();
        HELD.clear();
    }

    private static AccessChange change() {
        return new AccessChange("cus_retry", "member@example.com", "Ada", Set.of(101L, 102L), "evt_1");
    }

    @Test
    void givenAFirstAttempt_thenEachGroupIsGrantedWithoutALook() {
        circle.grant(change(), 1);

        assertThat(CALLS).filteredOn(c -> c.startsWith("POST access_groups"))
                .containsExactlyInAnyOrder("POST access_groups/101/community_members", "POST access_groups/102/community_members");
        assertThat(CALLS).noneMatch(c -> c.startsWith("GET access_groups"));
    }

    @Test
    void givenARetryAfterCircleAlreadyGrantedOneGroup_thenOnlyTheMissingGroupIsGranted() {
        HELD.add("101");

        circle.grant(change(), 2);

        assertThat(CALLS).filteredOn(c -> c.startsWith("POST access_groups"))
                .containsExactly("POST access_groups/102/community_members");
        assertThat(CALLS).filteredOn(c -> c.startsWith("GET access_groups")).hasSize(2);
    }
}
