package io.memberflow.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Duration;

/** A vendor client test: a fresh stand-in server per test, and the client under test pointed at it. */
public abstract class VendorClientTest<C> {
    protected final ObjectMapper json = new ObjectMapper();
    protected MockWebServer server;
    protected C client;

    /** The client under test against {@link #server}, with this read timeout. */
    protected abstract C clientWithReadTimeout(Duration readTimeout);

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        client = clientWithReadTimeout(Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }
}
