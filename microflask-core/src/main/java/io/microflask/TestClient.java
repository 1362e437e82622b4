package io.microflask;

import io.microflask.util.CidrRange;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends requests to an app in process, through the same pipeline a socket's bytes go through
 * (decoder, limits, routing, handlers, encoder), as Flask's {@code app.test_client()}. Cookies
 * the app sets are kept and sent back, like a browser, so sessions work across requests.
 *
 * <pre>{@code
 * TestResponse r = app.testClient().get("/users/42");
 * assertEquals(200, r.status());
 * }</pre>
 */
public final class TestClient {
    private final Transport exchange;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    TestClient(Transport exchange) {
        this.exchange = exchange;
    }

    /**
     * The app's pipeline without a socket, as microflask-core provides it (see
     * {@link App.Engine#testTransport()}); applications get a client from {@code app.testClient()}.
     */
    public interface Transport {
        /**
         * Sends the requests on one connection (pipelined) from a client at {@code remote}
         * ({@code null}: this machine) and returns the answers, in order; fewer when the app
         * closed the connection first.
         */
        List<FullHttpResponse> exchange(List<FullHttpRequest> requests, InetSocketAddress remote);

        /**
         * Connects a client channel, whose handlers {@code client} adds, to a new connection into
         * the app's pipeline (no socket; threads of its own, so that the connection can live while
         * the test goes on, as a {@link TestWebSocket} does). Closing the channel ends both sides.
         */
        Channel connect(ChannelHandler client);
    }

    /** Sends {@code GET uri}. */
    public TestResponse get(String uri) {
        return request("GET", uri).send();
    }

    /** Sends {@code HEAD uri}. */
    public TestResponse head(String uri) {
        return request("HEAD", uri).send();
    }

    /** Sends {@code DELETE uri}. */
    public TestResponse delete(String uri) {
        return request("DELETE", uri).send();
    }

    /** Sends {@code POST uri} with a body of this content type. */
    public TestResponse post(String uri, String contentType, String body) {
        return request("POST", uri).body(contentType, body).send();
    }

    /** POSTs url-encoded form fields. */
    public TestResponse postForm(String uri, Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((k, v) -> joined.add(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return post(uri, "application/x-www-form-urlencoded", joined.toString());
    }

    /** Sends {@code PUT uri} with a body of this content type. */
    public TestResponse put(String uri, String contentType, String body) {
        return request("PUT", uri).body(contentType, body).send();
    }

    /**
     * A request to build: {@code client.request("PATCH", "/x").header("Accept",
     * "application/json").send()}.
     */
    public RequestBuilder request(String method, String uri) {
        return new RequestBuilder(method, uri);
    }

    /**
     * Opens a WebSocket to the app's endpoint at {@code uri} (e.g. {@code "/ws/lobby?name=ann"}),
     * with the cookies kept so far (so the endpoint sees the session); fails with
     * {@link TestWebSocket.RefusedException} when the app answers the handshake with anything but
     * 101. Headers such as {@code Origin} go through {@code request("GET", uri).header(..).webSocket()}.
     */
    public TestWebSocket webSocket(String uri) {
        return request("GET", uri).webSocket();
    }

    /** The cookies kept so far. */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** A request being built. */
    public final class RequestBuilder {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private InetSocketAddress remote;

        private RequestBuilder(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        /** Adds a header value. */
        public RequestBuilder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        /** Sets the body to {@code text} in UTF-8, with this content type. */
        public RequestBuilder body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Sets the body to these bytes, with this content type ({@code null}: no Content-Type header). */
        public RequestBuilder body(String contentType, byte[] bytes) {
            if (contentType == null) {
                headers.remove("Content-Type");
            } else {
                headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
            }
            this.body = bytes;
            return this;
        }

        /**
         * Sends the request as if from {@code ip} (e.g. {@code "203.0.113.9"}) instead of this
         * machine, as Flask's {@code environ_base={"REMOTE_ADDR": ...}}: to test what remote
         * clients are shown or allowed.
         */
        public RequestBuilder remoteAddress(String ip) {
            java.net.InetAddress address = CidrRange.parseLiteral(ip);
            if (address == null) {
                throw new IllegalArgumentException("remoteAddress(\"" + ip + "\"): give an IP address, e.g. "
                        + "\"203.0.113.9\" or \"2001:db8::1\" (host names are not looked up)");
            }
            this.remote = new InetSocketAddress(address, 50_000);
            return this;
        }

        /**
         * Opens a WebSocket with this request as the handshake (its headers and the client's
         * cookies go along; method and body do not): see {@link TestClient#webSocket(String)}.
         */
        public TestWebSocket webSocket() {
            HttpHeaders handshake = new DefaultHttpHeaders();
            headers.forEach(handshake::set);
            addCookies(handshake);
            return TestWebSocket.open(exchange, uri, handshake);
        }

        private void addCookies(HttpHeaders target) {
            if (!cookies.isEmpty() && !target.contains(HttpHeaderNames.COOKIE)) {
                StringJoiner cookieHeader = new StringJoiner("; ");
                cookies.forEach((k, v) -> cookieHeader.add(k + "=" + v));
                target.set(HttpHeaderNames.COOKIE, cookieHeader.toString());
            }
        }

        /** Sends the request through the app's pipeline and returns what it answered. */
        public TestResponse send() {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri,
                    Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, "localhost");
            headers.forEach((name, values) -> request.headers().set(name, values));
            addCookies(request.headers());
            if (!request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            }
            List<FullHttpResponse> responses = exchange.exchange(List.of(request), remote);
            if (responses.isEmpty()) {
                throw new IllegalStateException("the app closed the connection without answering " + method + " " + uri);
            }
            FullHttpResponse response = responses.get(0);
            try {
                for (String setCookie : response.headers().getAll(HttpHeaderNames.SET_COOKIE)) {
                    io.netty.handler.codec.http.cookie.Cookie cookie = ClientCookieDecoder.LAX.decode(setCookie);
                    if (cookie == null) {
                        continue;
                    }
                    if (cookie.maxAge() == 0 || cookie.value().isEmpty()) {
                        cookies.remove(cookie.name());
                    } else {
                        cookies.put(cookie.name(), cookie.value());
                    }
                }
                byte[] bytes = new byte[response.content().readableBytes()];
                response.content().getBytes(response.content().readerIndex(), bytes);
                return new TestResponse(response.status().code(), response.headers().copy(), bytes);
            } finally {
                response.release();
            }
        }
    }
}
