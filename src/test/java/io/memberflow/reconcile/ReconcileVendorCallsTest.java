package io.memberflow.reconcile;

import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorTestSupport;
import io.memberflow.integrations.circle.CircleClient;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static io.memberflow.integrations.VendorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Circle's membership check, which a grant that Circle answered with a 4xx uses to see whether it landed anyway. */
class ReconcileVendorCallsTest {
    final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private CircleClient circle() {
        return new CircleClient(server.url("/api/admin/v2").toString(), "t", VendorTestSupport.httpClient(Duration.ofSeconds(2)));
    }

    @Test
    void givenCircleAnswers200Or404_thenTheMembershipCheckSaysMemberOrNot() throws InterruptedException {
        server.enqueue(json(200, "{\"id\":1}"));
        server.enqueue(json(404, "{\"success\":false,\"message\":\"Missing record: community member\"}"));

        assertThat(circle().isInAccessGroup(101, "a@example.com")).isTrue();
        assertThat(circle().isInAccessGroup(101, "a@example.com")).isFalse();
        RecordedRequest request = VendorTestSupport.take(server);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo("/api/admin/v2/access_groups/101/community_member?email=a%40example.com");
    }

    @Test
    void givenCircleAnswers500_thenTheMembershipCheckFailsRetryably() {
        for (int i = 0; i < 10; i++) { // the client retries a 5xx a few times itself
            server.enqueue(json(500, "{\"success\":false}"));
        }

        VendorCallException e = VendorTestSupport.failure(() -> circle().isInAccessGroup(101, "a@example.com"));

        assertThat(e.getHttpStatus()).isEqualTo(500);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain("a@example.com");
    }
}
