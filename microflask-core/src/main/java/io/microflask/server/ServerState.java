package io.microflask.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger receiving = new AtomicInteger();
    private final AtomicInteger cutAnswers = new AtomicInteger();
    private final java.util.Set<ChannelResponseStream> openStreams = ConcurrentHashMap.newKeySet();
    private final java.util.Set<ServerWebSocket> webSockets = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong lastCapacityWarning = new java.util.concurrent.atomic.AtomicLong();
    private final BodyBudget bodyBudget;
    private volatile boolean shuttingDown;
    private volatile boolean draining;

    /** The state of a server whose connections hold at most {@code maxBufferedBodyBytes} of request bodies. */
    ServerState(long maxBufferedBodyBytes) {
        this.bodyBudget = new BodyBudget(maxBufferedBodyBytes);
    }

    /** The request body bytes held across connections. */
    BodyBudget bodyBudget() {
        return bodyBudget;
    }

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

    /**
     * Counts a new connection from {@code address} unless {@code max} from it are open already;
     * {@code false} means over that cap (and nothing was counted).
     */
    boolean admitFromAddress(InetAddress address, int max) {
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            releaseAddress(address);
            return false;
        }
        return true;
    }

    /** A connection counted by {@link #admitFromAddress} closed. */
    void releaseAddress(InetAddress address) {
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
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

    /** An open stream ({@code Response.openStream}) outlived its opener. */
    void openStreamStarted(ChannelResponseStream stream) {
        openStreams.add(stream);
        if (shuttingDown) {
            stream.cut();
        }
    }

    /** An open stream ended. */
    void openStreamEnded(ChannelResponseStream stream) {
        openStreams.remove(stream);
    }

    /** Ends every open stream without its last chunk: they wait for events, not for the shutdown. */
    void cutOpenStreams() {
        for (ChannelResponseStream stream : List.copyOf(openStreams)) {
            stream.cut();
        }
    }

    /** A WebSocket connection was opened (its handshake answered). */
    void webSocketOpened(ServerWebSocket socket) {
        webSockets.add(socket);
        if (shuttingDown) {
            socket.shutDown();
        }
    }

    /** A WebSocket connection ended. */
    void webSocketClosed(ServerWebSocket socket) {
        webSockets.remove(socket);
    }

    /** Closes every WebSocket with 1001 (going away): they wait for messages, not for the shutdown. */
    void closeWebSockets() {
        for (ServerWebSocket socket : List.copyOf(webSockets)) {
            socket.shutDown();
        }
    }

    /** A streamed answer ended early because of the shutdown. */
    void answerCut() {
        cutAnswers.incrementAndGet();
    }

    /** Answers the shutdown cut short so far. */
    int cutAnswers() {
        return cutAnswers.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** Whether the server is draining: answers carry {@code Connection: close}, so clients move elsewhere. */
    boolean draining() {
        return draining;
    }

    void beginDrain() {
        draining = true;
    }

    void beginShutdown() {
        shuttingDown = true;
    }
}
