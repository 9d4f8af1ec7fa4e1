package io.memberflow.config;

import io.memberflow.support.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On its defaults the HTTP server listens on the loopback address only. */
@MicronautTest
class ListeningAddressTest implements DatabaseTest {

    @Inject
    EmbeddedServer server;

    @Test
    void givenTheDefaults_thenTheHttpPortIsReachableOnLoopbackOnly() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()), 2000);
            assertThat(socket.isConnected()).isTrue();
        }
        List<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        Assumptions.assumeFalse(external.isEmpty(), "SKIPPED: this machine has no non-loopback address to try");
        for (InetAddress address : external) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, server.getPort()), 2000);
                }
            }).as("connecting through " + address.getHostAddress()).isInstanceOf(IOException.class);
        }
    }
}
