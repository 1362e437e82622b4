package io.microflask.server;

import io.microflask.Settings;
import io.microflask.util.LogSafe;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection after its handshake, the last handler but the {@link ConnectionHandler}
 * (which still counts the connection and frees its place when it closes). Netty's frame decoder
 * before it enforces the protocol (masking, reserved bits, opcodes, control frames, close codes,
 * frame size) and {@code Utf8FrameValidator} the text; this answers pings, closes on oversized
 * messages, idle clients and full send queues, and hands whole messages to the app's
 * {@link WebSocketEndpoint} one at a time, in order.
 *
 * <p>Memory per connection is bounded both ways: outgoing messages wait in a queue of at most
 * {@code webSocketSendQueueBytes} (beyond it the client is closed with 1008), and incoming ones
 * stop being read while {@link #MAX_PENDING_MESSAGES} wait for a slow handler.
 */
final class ServerWebSocket extends ChannelInboundHandlerAdapter implements WebSocketLink {
    private static final Logger log = LoggerFactory.getLogger(ServerWebSocket.class);
    /** How long a close frame waits for the client's before the connection is ended anyway. */
    private static final long CLOSE_WAIT_MILLIS = 2000;
    /** Messages waiting for the handler beyond this stop reads until it catches up. */
    private static final int MAX_PENDING_MESSAGES = 16;
    /** What a frame costs besides its payload, counted against the send queue. */
    private static final int FRAME_OVERHEAD = 14;
    private static final int NO_STATUS = 1005;
    private static final int ABNORMAL = 1006;

    private final Channel channel;
    private final WebSocketEndpoint endpoint;
    private final ServerState state;
    private final Executor executor;
    private final long sendQueueLimit;
    private final long pingNanos;
    private final long idleNanos;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private volatile int closeCode = ABNORMAL;
    private volatile String closeReason = "";
    private volatile boolean closeReceived;
    private long lastReadNanos = System.nanoTime();
    private long lastPingNanos;
    private ScheduledFuture<?> ticker;

    ServerWebSocket(Channel channel, WebSocketEndpoint endpoint, Settings settings, ServerState state,
                    HandlerThreads threads) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.state = state;
        this.executor = endpoint.nonBlocking() && !threads.inProcess() ? channel.eventLoop() : threads.requests();
        this.sendQueueLimit = settings.webSocketSendQueueBytes();
        this.pingNanos = settings.webSocketPingInterval().toNanos();
        this.idleNanos = settings.webSocketIdleTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        state.webSocketOpened(this);
        long tick = Math.min(pingNanos > 0 ? pingNanos : Long.MAX_VALUE, idleNanos > 0 ? idleNanos : Long.MAX_VALUE);
        if (tick != Long.MAX_VALUE) {
            // Checked a few times per interval, so that a ping or an idle close is at most a little late.
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), tick / 4);
            ticker = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), period, period, TimeUnit.NANOSECONDS);
        }
        // Queued before any message can be read: the endpoint hears of the opening first.
        run(() -> endpoint.opened(this));
    }

    private void tick(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        long silent = now - lastReadNanos;
        if (idleNanos > 0 && silent >= idleNanos) {
            log.debug("closing WebSocket {} ({}): the client sent nothing for settings().webSocketIdleTimeout()",
                    id(), endpoint.route());
            close(1001, "idle for too long");
        } else if (pingNanos > 0 && silent >= pingNanos && now - lastPingNanos >= pingNanos && !closeSent.get()) {
            lastPingNanos = now;
            send(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        try {
            if (msg instanceof TextWebSocketFrame text) {
                String value = text.text();
                deliver(ctx, () -> endpoint.text(value));
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                byte[] value = ByteBufUtil.getBytes(binary.content());
                deliver(ctx, () -> endpoint.binary(value));
            } else if (msg instanceof PingWebSocketFrame ping) {
                // Counted against the send queue like any frame: a client that pings without reading gets no free memory.
                send(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeReceived(close);
            }
            // Pongs only prove the client is there, which the read itself recorded.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void closeReceived(CloseWebSocketFrame frame) {
        if (!closeReceived && !closeSent.get()) {
            // The client closed first: its code and reason are the connection's. (An answer to our
            // own close only echoes ours, usually without the reason.)
            int code = frame.statusCode();
            closeCode = code < 0 ? NO_STATUS : code;
            closeReason = code < 0 ? "" : frame.reasonText();
        }
        closeReceived = true;
        if (closeSent.compareAndSet(false, true)) {
            // Echo the code (RFC 6455 5.5.1); the client closes the TCP connection, or we do after a short wait.
            CloseWebSocketFrame echo = closeCode == NO_STATUS ? new CloseWebSocketFrame()
                    : new CloseWebSocketFrame(closeCode, "");
            channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
        } else {
            // Our close was answered: the handshake is complete.
            channel.close();
        }
    }

    /** Hands a message to the endpoint, in order; stops reading while too many wait. */
    private void deliver(ChannelHandlerContext ctx, Runnable message) {
        if (closeSent.get()) {
            return; // after our close frame, messages are read and ignored until the client answers it
        }
        if (pendingMessages.incrementAndGet() >= MAX_PENDING_MESSAGES) {
            ctx.channel().config().setAutoRead(false);
        }
        run(() -> {
            try {
                message.run();
            } finally {
                if (pendingMessages.decrementAndGet() == MAX_PENDING_MESSAGES / 2) {
                    channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
                }
            }
        });
    }

    /** Runs endpoint calls one at a time, in order, on the endpoint's executor. */
    private void run(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                log.warn("every handler thread is busy and the queue is full; closing WebSocket {} ({}) with 1011",
                        id(), endpoint.route());
                tasks.clear();
                close(1011, "server busy");
                channel.close();
            }
        }
    }

    private void drain() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("WebSocket {} ({}): the endpoint failed", id(), endpoint.route(), e);
            }
        }
        draining.set(false);
        schedule(); // a task added between the last poll and the reset
    }

    @Override
    public String id() {
        return channel.id().asShortText();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address : null;
    }

    @Override
    public void sendText(String text) {
        if (!closeSent.get()) {
            send(new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Override
    public void sendBinary(byte[] data) {
        if (!closeSent.get()) {
            send(new BinaryWebSocketFrame(Unpooled.copiedBuffer(data)));
        }
    }

    /** Queues a frame unless that would take the send queue over its bound, which closes the connection. */
    private void send(WebSocketFrame frame) {
        if (!channel.isActive()) {
            frame.release();
            return;
        }
        long size = frame.content().readableBytes() + FRAME_OVERHEAD;
        if (queuedBytes.addAndGet(size) > sendQueueLimit) {
            queuedBytes.addAndGet(-size);
            frame.release();
            overflowed();
            return;
        }
        channel.writeAndFlush(frame).addListener(written -> queuedBytes.addAndGet(-size));
    }

    /** The client does not read: tell it why if it can still hear, and free what waits for it now. */
    private void overflowed() {
        if (!closeSent.compareAndSet(false, true)) {
            return;
        }
        log.debug("closing WebSocket {} ({}) with 1008: its client has not read {} bytes queued for it "
                + "(settings().webSocketSendQueueBytes())", id(), endpoint.route(), sendQueueLimit);
        closeCode = 1008;
        closeReason = "send queue full";
        channel.writeAndFlush(new CloseWebSocketFrame(1008, "send queue full"));
        // Not waiting for a client that reads nothing: closing discards the queued frames.
        channel.close();
    }

    @Override
    public void close(int code, String reason) {
        if (!closeSent.compareAndSet(false, true)) {
            return;
        }
        if (!closeReceived) {
            closeCode = code;
            closeReason = reason == null ? "" : reason;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, truncateReason(reason)));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A close reason is at most 123 bytes of UTF-8 (RFC 6455 5.5); longer ones are cut at a character. */
    private static String truncateReason(String reason) {
        if (reason == null) {
            return "";
        }
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > 123) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut;
    }

    @Override
    public boolean isOpen() {
        return !closeSent.get() && !closeReceived && channel.isActive();
    }

    /** The server is stopping: 1001 (going away). */
    void shutDown() {
        close(1001, "server stopping");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.debug("closing WebSocket {} ({}) with 1009: {}", id(), endpoint.route(), LogSafe.text(cause));
            close(1009, "message too big");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // The connection is failed (RFC 6455 7.1.7): the code the rule broken asks for, then the end.
            log.debug("WebSocket {} ({}) broke the protocol: {}", id(), endpoint.route(), LogSafe.text(cause));
            if (closeSent.compareAndSet(false, true)) {
                WebSocketCloseStatus status = corrupted.closeStatus() == null ? WebSocketCloseStatus.PROTOCOL_ERROR
                        : corrupted.closeStatus();
                closeCode = status.code();
                closeReason = status.reasonText();
                channel.writeAndFlush(new CloseWebSocketFrame(status.code(), truncateReason(cause.getMessage())))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        } else if (cause instanceof IOException) {
            log.debug("WebSocket {} ({}) failed: {}", id(), endpoint.route(), cause.toString());
            ctx.close();
        } else {
            log.warn("WebSocket {} ({}) failed; closing it", id(), endpoint.route(), cause);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ended.compareAndSet(false, true)) {
            if (ticker != null) {
                ticker.cancel(false);
            }
            state.webSocketClosed(this);
            int code = closeCode;
            String reason = closeReason;
            run(() -> endpoint.closed(code, reason));
        }
        super.channelInactive(ctx);
    }

    @Override
    public String toString() {
        return "WebSocket " + id() + " (" + endpoint.route() + ")";
    }
}
