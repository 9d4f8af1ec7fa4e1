package io.memberflow.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded Temporal server is reachable on the loopback address only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopbackTemporalServerTest {
    private LoopbackTemporalServer server;
    private int port;

    @BeforeAll
    void start() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = LoopbackTemporalServer.start(port);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenTheEmbeddedServer_thenItReportsTheLoopbackAddressAndAnswersTemporalCallsThere() {
        assertThat(server.address()).isEqualTo("127.0.0.1:" + port);
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
        try {
            assertThat(stubs.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())).isNotNull();
        } finally {
            stubs.shutdownNow();
        }
    }

    @Test
    void givenANonLoopbackAddressOfThisMachine_thenTheEmbeddedPortRefusesTheConnection() throws IOException {
        List<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        Assumptions.assumeFalse(external.isEmpty(), "SKIPPED: this machine has no non-loopback address to try");

        for (InetAddress address : external) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2000);
                }
            }).as("connecting through " + address.getHostAddress()).isInstanceOf(IOException.class);
        }
        try (Socket socket = new Socket()) {
            assertThat(connects(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).isTrue();
        }
    }

    private static boolean connects(Socket socket, InetSocketAddress address) {
        try {
            socket.connect(address, 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
