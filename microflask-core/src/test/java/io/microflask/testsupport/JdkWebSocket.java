package io.microflask.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link WebSocket} for tests (also the samples'), with what it received in a queue: text,
 * byte[], or a {@link Closed}.
 */
public final class JdkWebSocket implements AutoCloseable {
    /** The server's close frame. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private JdkWebSocket(int port, String path, String origin, javax.net.ssl.SSLContext tls) throws Exception {
        HttpClient.Builder clientBuilder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            clientBuilder.sslContext(tls);
        }
        WebSocket.Builder builder = clientBuilder.build().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder
                .buildAsync(URI.create((tls != null ? "wss" : "ws") + "://127.0.0.1:" + port + path), new Collector())
                .get(10, TimeUnit.SECONDS);
    }

    private JdkWebSocket(int port, String path, String origin) throws Exception {
        this(port, path, origin, null);
    }

    /** Opens {@code wss://127.0.0.1:port/path} over TLS, trusting what {@code tls} trusts. */
    public static JdkWebSocket openSecure(int port, String path, javax.net.ssl.SSLContext tls) throws Exception {
        return new JdkWebSocket(port, path, null, tls);
    }

    /** Opens {@code ws://127.0.0.1:port/path}, without an Origin (not a browser). */
    public static JdkWebSocket open(int port, String path) throws Exception {
        return new JdkWebSocket(port, path, null);
    }

    /** Opens {@code ws://127.0.0.1:port/path} as a page of {@code origin} would. */
    public static JdkWebSocket open(int port, String path, String origin) throws Exception {
        return new JdkWebSocket(port, path, origin);
    }

    /** Sends a text message, waiting until it is sent. */
    public JdkWebSocket sendText(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        return this;
    }

    /** Sends a binary message, waiting until it is sent. */
    public JdkWebSocket sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
        return this;
    }

    /** Sends a close frame, waiting until it is sent. */
    public JdkWebSocket sendClose(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(10, TimeUnit.SECONDS);
        return this;
    }

    /** The next thing received, waiting up to 10 s; fails the test when nothing comes. */
    public Object next() throws InterruptedException {
        Object next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("nothing received from the server in 10 s");
        }
        return next;
    }

    /** The next thing received, which must be text. */
    public String nextText() throws InterruptedException {
        Object next = next();
        if (!(next instanceof String text)) {
            throw new AssertionError("expected a text message, got " + next);
        }
        return text;
    }

    /** The server's close frame, skipping messages before it. */
    public Closed nextClose() throws InterruptedException {
        Object next;
        do {
            next = next();
        } while (!(next instanceof Closed));
        return (Closed) next;
    }

    /** Drops the connection at once (no close frame). */
    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
                byte[] bytes = new byte[binary.remaining()];
                binary.get(bytes);
                received.add(bytes);
                binary = ByteBuffer.allocate(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add(new Closed(statusCode, reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add(new Closed(-1, String.valueOf(error)));
        }
    }
}
