package io.microflask;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket from a {@link TestClient} to one of the app's {@link WebSocket} endpoints, in
 * process: through the server's own pipeline (handshake checks, frame codec, limits, endpoint
 * methods on handler threads), without a socket. It speaks the protocol as a browser does (masked
 * frames, pongs to pings, an answer to the server's close frame).
 *
 * <pre>{@code
 * try (TestWebSocket socket = app.testClient().webSocket("/ws/lobby")) {
 *     socket.send("hello");
 *     assertEquals("hello", socket.receiveText());
 *     socket.close();
 *     assertEquals(1000, socket.closeCode());
 * }
 * }</pre>
 *
 * <p>Every wait ({@code receive...}, {@code closeCode}, {@code close}) lasts at most
 * {@link #timeout()} (10 s unless {@link #timeout(Duration)} says otherwise) and then fails with
 * an {@link IllegalStateException} saying what did not come. The methods may be called from any
 * thread; messages are received in the order the app sent them.
 */
public final class TestWebSocket implements AutoCloseable {
    /** Close code when the connection ended without a close frame (RFC 6455 7.1.5). */
    public static final int ABNORMAL_CLOSURE = 1006;
    private static final int MAX_MESSAGE_BYTES = 64 << 20;
    private static final Object END = new Object();

    private final String uri;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<FullHttpResponse> handshakeAnswer = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile Duration timeout = Duration.ofSeconds(10);
    private volatile int closeCode = ABNORMAL_CLOSURE;
    private volatile String closeReason = "";
    private volatile boolean closeSent;
    private volatile boolean closeReceived;

    /**
     * The app refused the handshake (e.g. 403 for another site's origin, 404 for a path without an
     * endpoint): {@link #response()} is what it answered instead of 101.
     */
    public static final class RefusedException extends IllegalStateException {
        private final transient TestResponse response;

        RefusedException(String uri, TestResponse response) {
            super("the app answered " + response.status() + " instead of 101 to the WebSocket handshake for " + uri
                    + ": " + response.text());
            this.response = response;
        }

        /** The app's answer to the handshake. */
        public TestResponse response() {
            return response;
        }
    }

    private TestWebSocket(String uri) {
        this.uri = uri;
    }

    /**
     * Opens a WebSocket to {@code uri} (a path with its query) through {@code transport}, sending
     * {@code headers} (cookies, Origin...) with the handshake; waits for the app's 101.
     */
    static TestWebSocket open(TestClient.Transport transport, String uri, HttpHeaders headers) {
        TestWebSocket socket = new TestWebSocket(uri);
        URI target = URI.create("ws://localhost" + (uri.startsWith("/") ? uri : "/" + uri));
        // The Host header is localhost, as for the client's other requests; no Origin unless the test sets one.
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(target,
                WebSocketVersion.V13, null, false, new DefaultHttpHeaders().add(headers), MAX_MESSAGE_BYTES,
                true, false, -1, false, false);
        socket.channel = transport.connect(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast("http", new HttpClientCodec());
                channel.pipeline().addLast("http-aggregator", new HttpObjectAggregator(MAX_MESSAGE_BYTES));
                channel.pipeline().addLast("test-websocket", socket.new Receiver(handshaker));
            }
        });
        socket.channel.eventLoop().execute(() -> handshaker.handshake(socket.channel).addListener(sent -> {
            if (!sent.isSuccess()) {
                socket.handshakeAnswer.completeExceptionally(sent.cause());
            }
        }));
        FullHttpResponse answer;
        try {
            answer = socket.handshakeAnswer.get(socket.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            socket.channel.close();
            throw new IllegalStateException("the app did not answer the WebSocket handshake for " + uri + " within "
                    + socket.timeout);
        } catch (ExecutionException e) {
            socket.channel.close();
            throw new IllegalStateException("the WebSocket handshake for " + uri + " failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.channel.close();
            throw new IllegalStateException("interrupted while opening a WebSocket to " + uri, e);
        }
        if (answer != null) {
            try {
                byte[] body = ByteBufUtil.getBytes(answer.content());
                throw new RefusedException(uri, new TestResponse(answer.status().code(), answer.headers().copy(), body));
            } finally {
                answer.release();
                socket.channel.close();
            }
        }
        return socket;
    }

    /** How long each wait lasts before it fails. */
    public Duration timeout() {
        return timeout;
    }

    /** Sets how long each wait lasts before it fails; returns this socket. */
    public TestWebSocket timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout(" + timeout + "): give a positive duration");
        }
        this.timeout = timeout;
        return this;
    }

    /** Sends a text message. */
    public void send(String text) {
        write(new TextWebSocketFrame(text));
    }

    /** Sends a binary message. */
    public void send(byte[] data) {
        write(new BinaryWebSocketFrame(Unpooled.copiedBuffer(data)));
    }

    private void write(WebSocketFrame frame) {
        if (closeSent || !channel.isActive()) {
            frame.release();
            throw new IllegalStateException("the WebSocket to " + uri + " is closed (" + closeCode + ")");
        }
        channel.writeAndFlush(frame);
    }

    /**
     * The next message the app sent, waiting for it: a {@code String} for text, a {@code byte[]}
     * for binary. Fails when the connection closes first or nothing comes within the timeout.
     */
    public Object receive() {
        Object next;
        try {
            next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a message on " + uri, e);
        }
        if (next == null) {
            throw new IllegalStateException("no message from " + uri + " within " + timeout);
        }
        if (next == END) {
            received.add(END); // every later receive fails the same way
            throw new IllegalStateException("the WebSocket to " + uri + " closed with " + closeCode
                    + (closeReason.isEmpty() ? "" : " (" + closeReason + ")") + " before another message came");
        }
        return next;
    }

    /** The next message, which must be text; see {@link #receive()}. */
    public String receiveText() {
        Object next = receive();
        if (next instanceof String text) {
            return text;
        }
        throw new IllegalStateException("expected a text message from " + uri + ", got " + ((byte[]) next).length
                + " bytes of binary");
    }

    /** The next message, which must be binary; see {@link #receive()}. */
    public byte[] receiveBinary() {
        Object next = receive();
        if (next instanceof byte[] data) {
            return data;
        }
        throw new IllegalStateException("expected a binary message from " + uri + ", got text: " + next);
    }

    /** Whether no close frame was sent or received and the connection is up. */
    public boolean isOpen() {
        return !closeSent && !closeReceived && channel.isActive();
    }

    /**
     * The close code of the connection's end, waiting for it: the one in the app's close frame
     * (its answer to ours, if we closed first), or {@link #ABNORMAL_CLOSURE} when the connection
     * ended without one. Fails when it is still open after the timeout.
     */
    public int closeCode() {
        awaitEnd();
        return closeCode;
    }

    /** The reason in the app's close frame (empty when it gave none); waits as {@link #closeCode()} does. */
    public String closeReason() {
        awaitEnd();
        return closeReason;
    }

    /** Closes with 1000 and waits for the app's answer; nothing happens when it is closed already. */
    @Override
    public void close() {
        close(WebSocketConnection.NORMAL_CLOSURE, "");
    }

    /**
     * Sends a close frame with {@code code} and {@code reason} and waits (up to the timeout) for
     * the app to answer it and the connection to end; then ends it anyway.
     */
    public void close(int code, String reason) {
        if (!closeSent && channel.isActive()) {
            closeSent = true;
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        }
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.close().awaitUninterruptibly(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
        }
    }

    private void awaitEnd() {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the WebSocket to " + uri + " is still open after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + uri + " to close", e);
        }
    }

    @Override
    public String toString() {
        return "TestWebSocket " + uri + (isOpen() ? " (open)" : " (closed)");
    }

    /** The client's end of the pipeline: the handshake's answer, then frames. */
    private final class Receiver extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;

        Receiver(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete() && msg instanceof FullHttpResponse response) {
                if (response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                    try {
                        // Checks Sec-WebSocket-Accept and swaps the HTTP codec for the frame codec.
                        handshaker.finishHandshake(ctx.channel(), response);
                        ctx.pipeline().addBefore(ctx.name(), "ws-aggregator",
                                new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
                        handshakeAnswer.complete(null);
                    } catch (RuntimeException e) {
                        handshakeAnswer.completeExceptionally(e);
                        ctx.close();
                    }
                } else {
                    handshakeAnswer.complete(response.retain());
                }
            } else if (msg instanceof TextWebSocketFrame text) {
                received.add(text.text());
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                received.add(ByteBufUtil.getBytes(binary.content()));
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                if (!closeReceived) {
                    closeReceived = true;
                    closeCode = close.statusCode() < 0 ? 1005 : close.statusCode();
                    closeReason = close.statusCode() < 0 ? "" : close.reasonText();
                }
                if (closeSent) {
                    ctx.close(); // the answer to our close: the closing handshake is complete
                } else {
                    closeSent = true;
                    ctx.writeAndFlush(closeCode == 1005 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(closeCode, ""));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            handshakeAnswer.completeExceptionally(new IllegalStateException("the app closed the connection"));
            received.add(END);
            ended.countDown();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshakeAnswer.completeExceptionally(cause);
            ctx.close();
        }
    }
}
