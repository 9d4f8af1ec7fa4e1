package io.memberflow.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers for the vendor client tests. */
public final class VendorTestSupport {

    private VendorTestSupport() {
    }

    /** An HTTP client with short timeouts, so a failing test fails fast. */
    public static OkHttpClient httpClient(Duration readTimeout) {
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(readTimeout).build();
    }

    /** The next request the server received, failing the test if none arrives within a second. */
    public static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request).as("request sent").isNotNull();
        return request;
    }

    /** The {@link VendorCallException} the call throws, failing the test if it throws none. */
    public static VendorCallException failure(ThrowingCallable call) {
        VendorCallException e = catchThrowableOfType(VendorCallException.class, call);
        assertThat(e).as("VendorCallException thrown").isNotNull();
        return e;
    }

    /** A JSON answer. */
    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }
}
