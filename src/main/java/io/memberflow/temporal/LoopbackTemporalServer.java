package io.memberflow.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal test server's services on a gRPC port bound to the loopback address only. The SDK's own
 * {@code TestServer.createPortBoundServer} listens on every interface without authentication, which would let
 * anyone on the network signal, query or terminate members' workflows.
 */
public final class LoopbackTemporalServer implements Closeable {
    private final TestServicesStarter services;
    private final Server server;
    private final InetSocketAddress address;

    private LoopbackTemporalServer(TestServicesStarter services, Server server, InetSocketAddress address) {
        this.services = services;
        this.server = server;
        this.address = address;
    }

    /** Starts the test server's services on {@code 127.0.0.1:port} (the loopback address), time skipping locked. */
    public static LoopbackTemporalServer start(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address);
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            Server server = builder.build().start();
            return new LoopbackTemporalServer(services, server, address);
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("Could not bind the embedded Temporal server to " + describe(address)
                    + " (is another Temporal or memberflow using the port?)", e);
        }
    }

    /** The bound address, e.g. {@code 127.0.0.1:7233}. */
    public String address() {
        return describe(address);
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
        server.shutdownNow();
    }
}
