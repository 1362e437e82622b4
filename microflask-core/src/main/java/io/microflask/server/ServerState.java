package io.microflask.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a server knows across its connections: which are open, how many requests are in flight,
 * and whether it is shutting down (answers then carry {@code Connection: close}).
 */
final class ServerState {
    private final ChannelGroup connections = new DefaultChannelGroup("microflask-connections",
            GlobalEventExecutor.INSTANCE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger receiving = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong lastCapacityWarning = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean shuttingDown;

    void connectionOpened(Channel channel) {
        connections.add(channel);
    }

    /** Counts a new connection unless {@code max} are open already; {@code false} means over the cap. */
    boolean admitConnection(int max) {
        if (openConnections.incrementAndGet() > max) {
            openConnections.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Whether to log that connections are refused: at most every 10 s, so a flood does not flood the log. */
    boolean shouldWarnAboutCapacity() {
        long now = System.nanoTime();
        long last = lastCapacityWarning.get();
        return (last == 0 || now - last > 10_000_000_000L) && lastCapacityWarning.compareAndSet(last, now);
    }

    /** An admitted connection closed. */
    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    ChannelGroup connections() {
        return connections;
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished() {
        inFlight.decrementAndGet();
    }

    /** A connection began receiving a request (its head or body is arriving). */
    void receivingStarted() {
        receiving.incrementAndGet();
    }

    /** That request arrived whole, or was given up. */
    void receivingEnded() {
        receiving.decrementAndGet();
    }

    /** Requests partly received: a shutdown waits for them too, so an upload under way is not cut off. */
    int receiving() {
        return receiving.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    void beginShutdown() {
        shuttingDown = true;
    }
}
