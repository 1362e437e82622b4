package io.microflask;

import java.net.InetSocketAddress;

/** A started server: where it listens, and how to stop it. */
public interface RunningServer extends AutoCloseable {

    /** The port it is bound to; the real one when port 0 was asked. */
    int port();

    /** The host it was asked to bind, e.g. {@code "127.0.0.1"} or {@code "0.0.0.0"}. */
    String host();

    /** The bound socket address. */
    InetSocketAddress address();

    /** A URL that reaches the server from this machine, e.g. {@code http://127.0.0.1:5000}. */
    String url();

    /** Whether it runs in debug mode. */
    boolean debug();

    /** Blocks until the server has stopped. */
    void awaitTermination() throws InterruptedException;

    /**
     * Stops accepting connections, lets in-flight requests finish (within the shutdown timeout),
     * then closes every connection. Idempotent.
     */
    @Override
    void close();
}
