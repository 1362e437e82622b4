package io.microflask;

import io.microflask.util.CidrRange;
import io.microflask.util.JsonValues;
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

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Sends requests to an app in process, through the same pipeline a socket's bytes go through
 * (decoder, limits, routing, handlers, encoder), as Flask's {@code app.test_client()}. Cookies
 * the app sets are kept and sent back as a browser does (by domain, path, {@code Secure} and
 * expiry), so sessions work across requests.
 *
 * <p>Like a page of the app itself, the client passes its CSRF protection by itself: a request
 * that would be checked (a form POST, say) carries the token of the client's session in
 * {@code X-CSRF-Token} when a page of the app issued one to that session (the token its forms
 * carried), else {@code Sec-Fetch-Site: same-origin}, as a browser sends for a page of the same
 * site. The session itself is never changed. To test what a page on another site gets, send the
 * request {@link RequestBuilder#withoutCsrfToken()}.
 *
 * <pre>{@code
 * TestClient client = app.testClient();
 * TestResponse r = client.get("/users/42");
 * TestResponse created = client.post("/api/notes").json(Map.of("title", "Hi")).send();
 * Object id = created.json("id");
 * TestResponse page = client.request("POST", "/login").form("username", "ada").followRedirects().send();
 * client.sessionTransaction(session -> session.put("user_id", 1));
 * }</pre>
 *
 * <p>A URI is a path ({@code "/x?q=1"}, sent to {@code http://localhost}) or an absolute URL
 * ({@code "https://example.com/x"}): its host is the request's {@code Host} and decides which
 * cookies are sent; {@code https} only decides which cookies are sent (in process there is no
 * TLS, so the app still sees {@code http} unless a trusted proxy header says otherwise).
 */
public final class TestClient {
    private static final int MAX_REDIRECTS = 20;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final SecureRandom BOUNDARIES = new SecureRandom();

    private final Transport exchange;
    private final Sessions sessions;
    private final TestCookieJar jar;

    TestClient(Transport exchange, Sessions sessions) {
        this(exchange, sessions, Clock.systemUTC());
    }

    /** With the clock cookie expiry is measured by, for tests of expiry. */
    TestClient(Transport exchange, Sessions sessions, Clock clock) {
        this.exchange = exchange;
        this.sessions = sessions;
        this.jar = new TestCookieJar(clock);
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
         * The headers a page of the app itself would send with {@code request} (cookies included)
         * so that its CSRF protection accepts it, e.g. {@code X-CSRF-Token}; empty when the
         * request is not checked.
         */
        default Map<String, String> csrfHeaders(FullHttpRequest request) {
            return Map.of();
        }

        /**
         * Connects a client channel, whose handlers {@code client} adds, to a new connection into
         * the app's pipeline (no socket; threads of its own, so that the connection can live while
         * the test goes on, as a {@link TestWebSocket} does). Closing the channel ends both sides.
         */
        Channel connect(ChannelHandler client);
    }

    /**
     * The app's session cookie codec, as microflask-core provides it (see
     * {@link App.Engine#testSessions()}), for {@link #sessionTransaction}.
     */
    public interface Sessions {
        /** The session cookie's name ({@link Settings#sessionCookieName()}). */
        String cookieName();

        /** The session a session cookie's value carries; empty when it is not valid. */
        Session open(String cookieValue);

        /**
         * The cookies that store {@code session} (one that deletes it when it is empty), as the app
         * would set them at the end of a request; {@code hadCookie}: the client holds a session cookie.
         */
        List<Cookie> save(Session session, boolean hadCookie);
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

    /** A {@code POST uri} to build: add a body ({@code .json(..)}, {@code .form(..)}, {@code .file(..)}), then {@code send()}. */
    public RequestBuilder post(String uri) {
        return request("POST", uri);
    }

    /** Sends {@code POST uri} with a body of this content type. */
    public TestResponse post(String uri, String contentType, String body) {
        return request("POST", uri).body(contentType, body).send();
    }

    /** POSTs url-encoded form fields. */
    public TestResponse postForm(String uri, Map<String, String> fields) {
        RequestBuilder builder = request("POST", uri);
        fields.forEach(builder::form);
        return builder.send();
    }

    /** A {@code PUT uri} to build; see {@link #post(String)}. */
    public RequestBuilder put(String uri) {
        return request("PUT", uri);
    }

    /** Sends {@code PUT uri} with a body of this content type. */
    public TestResponse put(String uri, String contentType, String body) {
        return request("PUT", uri).body(contentType, body).send();
    }

    /** A {@code PATCH uri} to build; see {@link #post(String)}. */
    public RequestBuilder patch(String uri) {
        return request("PATCH", uri);
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

    /**
     * The values of the cookies a request to {@code http://localhost/} would carry, by name
     * (a snapshot; change cookies with {@link #setCookie} and {@link #deleteCookie}).
     */
    public Map<String, String> cookies() {
        Map<String, String> values = new LinkedHashMap<>();
        for (TestCookieJar.Stored cookie : jar.matching(new TestCookieJar.TestUrl(false, "localhost", "/"))) {
            values.putIfAbsent(cookie.name(), cookie.value());
        }
        return values;
    }

    /** The value of a cookie a request to {@code http://localhost/} would carry, or {@code null} (Flask's {@code get_cookie}). */
    public String cookie(String name) {
        return cookies().get(name);
    }

    /**
     * Every cookie kept, with its domain, path, {@code Secure} flag and expiry, as
     * {@code Set-Cookie} text (e.g. {@code "theme=dark; Path=/; Domain=localhost"}), oldest first.
     */
    public List<String> cookieJar() {
        List<String> all = new ArrayList<>();
        for (TestCookieJar.Stored cookie : jar.all()) {
            all.add(cookie.name() + "=" + cookie.value() + "; Path=" + cookie.path() + "; Domain=" + cookie.domain()
                    + (cookie.hostOnly() ? " (host only)" : "") + (cookie.secure() ? "; Secure" : "")
                    + (cookie.expiresAt() == Long.MAX_VALUE ? "" : "; expires at " + java.time.Instant.ofEpochMilli(
                    cookie.expiresAt())));
        }
        return all;
    }

    /** Sets a cookie as if {@code localhost} had sent {@code cookie} (Flask's {@code set_cookie}). */
    public TestClient setCookie(Cookie cookie) {
        jar.receive(cookie.toSetCookieHeader(), new TestCookieJar.TestUrl(false, "localhost", "/"));
        return this;
    }

    /** Sets a cookie for {@code localhost}, path {@code /}. */
    public TestClient setCookie(String name, String value) {
        return setCookie(new Cookie(name, value).path("/"));
    }

    /** Forgets every cookie of this name (Flask's {@code delete_cookie}). */
    public TestClient deleteCookie(String name) {
        jar.remove(name, null);
        return this;
    }

    /** Forgets every cookie. */
    public TestClient clearCookies() {
        jar.clear();
        return this;
    }

    /**
     * The session the client's session cookie carries now, to read (a copy: changing it changes
     * nothing; use {@link #sessionTransaction}). Empty when there is no valid session cookie.
     */
    public Session session() {
        String value = cookie(sessions.cookieName());
        return sessions.open(value);
    }

    /**
     * Flask's {@code session_transaction()}: opens the client's session, lets {@code change} read
     * and modify it, and stores it back in the client's session cookie, signed with the app's key,
     * as if the app had set it. The next request sees the change.
     *
     * <pre>{@code
     * client.sessionTransaction(session -> session.put("user_id", 1));
     * assertEquals("drafts of 1", client.get("/drafts").text());
     * }</pre>
     */
    public TestClient sessionTransaction(Consumer<Session> change) {
        String value = cookie(sessions.cookieName());
        Session session = sessions.open(value);
        change.accept(session);
        TestCookieJar.TestUrl url = new TestCookieJar.TestUrl(false, "localhost", "/");
        for (Cookie cookie : sessions.save(session, value != null)) {
            jar.receive(cookie.toSetCookieHeader(), url);
        }
        return this;
    }

    /** A request being built. */
    public final class RequestBuilder {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<String[]> fields = new ArrayList<>();
        private final List<FilePart> files = new ArrayList<>();
        private byte[] body;
        private InetSocketAddress remote;
        private boolean followRedirects;
        private boolean passCsrfCheck = true;

        private RequestBuilder(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        private record FilePart(String field, String filename, String contentType, byte[] content) {
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
         * Sets the body to {@code value} as JSON ({@code application/json}): maps with string keys,
         * lists, strings, numbers, booleans and {@code null}, nested. (Core has no JSON library:
         * for a record or bean, send its JSON text with {@code body("application/json", text)}.)
         */
        public RequestBuilder json(Object value) {
            return body("application/json", JsonValues.encode(JsonValues.normalize(value, "the JSON body")));
        }

        /**
         * Adds a form field. The body is url-encoded, or {@code multipart/form-data} when a
         * {@linkplain #file file} is added too.
         */
        public RequestBuilder form(String name, String value) {
            fields.add(new String[] {name, value});
            return this;
        }

        /** Adds a file field: the body becomes {@code multipart/form-data}, with the form fields. */
        public RequestBuilder file(String field, String filename, String contentType, byte[] content) {
            files.add(new FilePart(field, filename, contentType, content));
            return this;
        }

        /** Adds a text file field, UTF-8. */
        public RequestBuilder file(String field, String filename, String text) {
            return file(field, filename, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Follows redirects (Flask's {@code follow_redirects=True}): 301, 302 and 303 are followed
         * with a {@code GET} and no body, 307 and 308 with the same method and body; cookies set
         * on the way are kept. The answer is the last one; {@link TestResponse#history()} has the
         * redirects that led to it and {@link TestResponse#url()} where it came from.
         */
        public RequestBuilder followRedirects() {
            this.followRedirects = true;
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
         * Sends the request without the CSRF token (or {@code Sec-Fetch-Site}) the client adds by
         * itself, as a page on another site or a client that never loaded a page would: to test
         * that the app refuses it, or what it does with the token given by hand.
         */
        public RequestBuilder withoutCsrfToken() {
            this.passCsrfCheck = false;
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
            String cookieHeader = jar.header(parse(uri));
            if (cookieHeader != null && !target.contains(HttpHeaderNames.COOKIE)) {
                target.set(HttpHeaderNames.COOKIE, cookieHeader);
            }
        }

        /** Sends the request through the app's pipeline and returns what it answered. */
        public TestResponse send() {
            byte[] payload = payload();
            String currentMethod = method;
            String currentUri = uri;
            List<TestResponse> history = new ArrayList<>();
            boolean bodyDropped = false;
            while (true) {
                TestResponse response = sendOnce(currentMethod, currentUri, payload, bodyDropped, List.copyOf(history));
                String location = response.header("Location");
                if (!followRedirects || !REDIRECTS.contains(response.status()) || location == null) {
                    return response;
                }
                if (history.size() == MAX_REDIRECTS) {
                    throw new IllegalStateException(method + " " + uri + " was redirected more than " + MAX_REDIRECTS
                            + " times (a loop?); the last Location was " + location);
                }
                history.add(response);
                currentUri = resolve(currentUri, location);
                if (response.status() != 307 && response.status() != 308 && !currentMethod.equals("HEAD")) {
                    currentMethod = "GET";
                    payload = null;
                    bodyDropped = true;
                }
            }
        }

        /** The body to send: set explicitly, or built from the form fields and files, or none. */
        private byte[] payload() {
            if (files.isEmpty() && fields.isEmpty()) {
                return body;
            }
            if (body != null) {
                throw new IllegalStateException("a request has either body(..)/json(..) or form(..)/file(..) fields, "
                        + "not both: " + method + " " + uri);
            }
            if (files.isEmpty()) {
                StringJoiner joined = new StringJoiner("&");
                for (String[] field : fields) {
                    joined.add(URLEncoder.encode(field[0], StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(field[1], StandardCharsets.UTF_8));
                }
                headers.put("Content-Type", new ArrayList<>(List.of("application/x-www-form-urlencoded")));
                return joined.toString().getBytes(StandardCharsets.UTF_8);
            }
            String boundary = "----microflask" + Long.toHexString(BOUNDARIES.nextLong());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String[] field : fields) {
                write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(field[0])
                        + "\"\r\n\r\n" + field[1] + "\r\n");
            }
            for (FilePart file : files) {
                write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(file.field())
                        + "\"; filename=\"" + quoted(file.filename()) + "\"\r\nContent-Type: " + file.contentType()
                        + "\r\n\r\n");
                out.writeBytes(file.content());
                write(out, "\r\n");
            }
            write(out, "--" + boundary + "--\r\n");
            headers.put("Content-Type", new ArrayList<>(List.of("multipart/form-data; boundary=" + boundary)));
            return out.toByteArray();
        }

        private TestResponse sendOnce(String sentMethod, String target, byte[] payload, boolean bodyDropped,
                                      List<TestResponse> history) {
            TestCookieJar.TestUrl url = parse(target);
            String origin = originForm(target);
            byte[] bytes = payload == null ? new byte[0] : payload;
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(sentMethod),
                    origin, Unpooled.wrappedBuffer(bytes));
            request.headers().set(HttpHeaderNames.HOST, authority(target));
            headers.forEach((name, values) -> {
                if (!bodyDropped || !name.equalsIgnoreCase("Content-Type")) {
                    request.headers().set(name, values);
                }
            });
            String cookieHeader = jar.header(url);
            if (cookieHeader != null && !request.headers().contains(HttpHeaderNames.COOKIE)) {
                request.headers().set(HttpHeaderNames.COOKIE, cookieHeader);
            }
            if (passCsrfCheck && !request.headers().contains(Request.CSRF_HEADER)
                    && !request.headers().contains("Sec-Fetch-Site")) {
                exchange.csrfHeaders(request).forEach(request.headers()::set);
            }
            if (!request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                request.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            }
            List<FullHttpResponse> responses = exchange.exchange(List.of(request), remote);
            if (responses.isEmpty()) {
                throw new IllegalStateException("the app closed the connection without answering " + sentMethod + " "
                        + target);
            }
            FullHttpResponse response = responses.get(0);
            try {
                for (String setCookie : response.headers().getAll(HttpHeaderNames.SET_COOKIE)) {
                    jar.receive(setCookie, url);
                }
                byte[] received = new byte[response.content().readableBytes()];
                response.content().getBytes(response.content().readerIndex(), received);
                return new TestResponse(response.status().code(), response.headers().copy(), received, target, history);
            } finally {
                response.release();
            }
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A field or file name inside {@code "..."}, escaped as browsers do (the HTML standard's multipart encoding). */
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static boolean isAbsolute(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** {@code host[:port]} of an absolute URL, else {@code localhost}. */
    private static String authority(String uri) {
        if (!isAbsolute(uri)) {
            return "localhost";
        }
        int start = uri.indexOf("://") + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        return uri.substring(start, end);
    }

    /** The path and query of {@code uri}, as sent on the request line. */
    private static String originForm(String uri) {
        if (!isAbsolute(uri)) {
            return uri;
        }
        String rest = uri.substring(uri.indexOf("://") + 3 + authority(uri).length());
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    static TestCookieJar.TestUrl parse(String uri) {
        String authority = authority(uri).toLowerCase(Locale.ROOT);
        String host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        String target = originForm(uri);
        int end = target.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = target.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String path = target.substring(0, end);
        return new TestCookieJar.TestUrl(uri.toLowerCase(Locale.ROOT).startsWith("https://"), host,
                path.isEmpty() ? "/" : path);
    }

    /** {@code location} resolved against the URL it answered, as a browser does. */
    private static String resolve(String from, String location) {
        String base = isAbsolute(from) ? from : "http://localhost" + (from.startsWith("/") ? from : "/" + from);
        String resolved = URI.create(base).resolve(location.replace(" ", "%20")).toString();
        // Stay relative while on the default host, so the request looks as the first one did.
        return !isAbsolute(from) && resolved.startsWith("http://localhost/") ? resolved.substring("http://localhost".length())
                : resolved;
    }
}
