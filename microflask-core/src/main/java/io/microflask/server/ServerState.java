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
    private volatile boolean shuttingDown;

    void connectionOpened(Channel channel) {
        connections.add(channel);
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
