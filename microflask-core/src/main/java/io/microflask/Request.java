package io.microflask;

import io.microflask.multipart.MultipartForm;
import io.microflask.multipart.UploadedFile;
import io.microflask.session.Flash;
import io.microflask.session.FlashMessage;
import io.microflask.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request: method, path, query, headers, cookies, body, form fields, the client's
 * address, the matched route's path variables, and a request-scoped attribute bag (Flask's
 * {@code g}). Handlers get it by declaring a parameter of this type.
 *
 * <p>A request is valid only while it is being handled; its body is released afterwards.
 */
public final class Request {
    private final FullHttpRequest message;
    private final String method;
    private final String rawPath;
    private final String path;
    private final List<String> segments;
    private final String rawQuery;
    private final InetSocketAddress remoteAddress;
    private final String scheme;
    private final String forwardedHost;
    private Map<String, List<String>> query;
    private Map<String, List<String>> form;
    private Map<String, String> cookies;
    private Map<String, Object> pathVariables = Map.of();
    private Map<String, Object> attributes;
    private RouteInfo route;
    private App app;
    private Session session;
    private List<FlashMessage> flashes;
    private MultipartForm multipart;

    /**
     * Built by the server for each decoded request; {@code segments} are the path's decoded
     * segments, split before decoding so that an encoded slash stays inside its segment.
     */
    public Request(FullHttpRequest message, String rawPath, String path, List<String> segments,
                   String rawQuery, InetSocketAddress remoteAddress, String scheme) {
        this(message, rawPath, path, segments, rawQuery, remoteAddress, scheme, null);
    }

    /**
     * As above, for a request that came through a trusted proxy: {@code remoteAddress} and
     * {@code scheme} are the client's as the proxy reported them, and {@code forwardedHost}, when
     * not {@code null}, is the host the client asked for, which {@link #host()} then returns.
     */
    public Request(FullHttpRequest message, String rawPath, String path, List<String> segments,
                   String rawQuery, InetSocketAddress remoteAddress, String scheme, String forwardedHost) {
        this.forwardedHost = forwardedHost;
        this.message = message;
        this.method = message.method().name();
        this.rawPath = rawPath;
        this.path = path;
        this.segments = segments;
        this.rawQuery = rawQuery;
        this.remoteAddress = remoteAddress;
        this.scheme = scheme;
    }

    /** The method in upper case, e.g. {@code "GET"}. */
    public String method() {
        return method;
    }

    /** The decoded path, e.g. {@code "/users/42"}. */
    public String path() {
        return path;
    }

    /** The path as sent, still percent-encoded. */
    public String rawPath() {
        return rawPath;
    }

    /** The path's segments, each percent-decoded. {@code "/a/b/"} has {@code ["a", "b", ""]}. */
    public List<String> segments() {
        return segments;
    }

    /** The query string as sent, without the {@code ?}; empty when there is none. */
    public String queryString() {
        return rawQuery;
    }

    /** The URI as sent in the request line: path and query. */
    public String uri() {
        return message.uri();
    }

    /** {@code "http"} (or what a trusted proxy says). */
    public String scheme() {
        return scheme;
    }

    /**
     * The {@code Host} header, e.g. {@code "127.0.0.1:5000"}, or the host a trusted proxy reports
     * ({@code X-Forwarded-Host} or {@code Forwarded: host=}).
     */
    public String host() {
        if (forwardedHost != null) {
            return forwardedHost;
        }
        String host = message.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            return "localhost";
        }
        return host;
    }

    /**
     * {@code scheme://host} as the client sees this server (through trusted proxies too): the
     * base for absolute URLs in redirects and links, e.g. {@code request.baseUrl() + "/login"}.
     */
    public String baseUrl() {
        return scheme + "://" + host();
    }

    /** The full URL: {@code scheme://host/path?query}. */
    public String url() {
        return scheme + "://" + host() + message.uri();
    }

    /** The first value of a query argument, or {@code null}. */
    public String query(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated query argument ({@code ?tag=a&tag=b}); empty when absent. */
    public List<String> queryAll(String name) {
        return queryParams().getOrDefault(name, List.of());
    }

    /** All query arguments, in the order sent. */
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            query = rawQuery.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(decodeParams(rawQuery));
        }
        return query;
    }

    /** The first value of a header (case-insensitive), or {@code null}. */
    public String header(String name) {
        return message.headers().get(name);
    }

    /** Every value of a header (case-insensitive). */
    public List<String> headers(String name) {
        return message.headers().getAll(name);
    }

    /** All headers (names compare case-insensitively). */
    public HttpHeaders headers() {
        return message.headers();
    }

    /** The {@code Content-Type} header, or {@code null}. */
    public String contentType() {
        return message.headers().get(HttpHeaderNames.CONTENT_TYPE);
    }

    /** A cookie's value, or {@code null}. */
    public String cookie(String name) {
        return cookies().get(name);
    }

    /** All cookies the client sent. */
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String header : message.headers().getAll(HttpHeaderNames.COOKIE)) {
                for (io.netty.handler.codec.http.cookie.Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                    parsed.putIfAbsent(c.name(), c.value());
                }
            }
            cookies = Collections.unmodifiableMap(parsed);
        }
        return cookies;
    }

    /** The body as bytes (a copy). */
    public byte[] body() {
        ByteBuf content = message.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return message.content().readableBytes();
    }

    /** The body as a stream over the received buffer, without a copy. */
    public InputStream bodyStream() {
        return new ByteBufInputStream(message.content().duplicate());
    }

    /** The body decoded with the charset of its Content-Type (UTF-8 when none is given). */
    public String text() {
        return message.content().toString(charset());
    }

    /** The charset named by Content-Type, UTF-8 when absent or unknown. */
    public Charset charset() {
        String type = contentType();
        if (type != null) {
            int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = type.substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The first value of a url-encoded form field, or {@code null}. */
    public String form(String name) {
        List<String> values = formParams().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a form field. */
    public List<String> formAll(String name) {
        return formParams().getOrDefault(name, List.of());
    }

    /**
     * Fields of an {@code application/x-www-form-urlencoded} body; empty for other bodies.
     * Multipart forms are read by the multipart support and stored here too.
     */
    public Map<String, List<String>> formParams() {
        if (form == null && MultipartForm.isMultipart(this)) {
            form = multipart().fields();
        }
        if (form == null) {
            String type = contentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                form = Collections.unmodifiableMap(decodeParams(text()));
            } else {
                form = Map.of();
            }
        }
        return form;
    }

    /** Lets the multipart support publish the fields it parsed. */
    public void formParams(Map<String, List<String>> fields) {
        this.form = Collections.unmodifiableMap(fields);
    }

    /**
     * The uploaded file of a {@code multipart/form-data} field, or {@code null}; the first one
     * when the field holds several. Valid while the request is handled.
     */
    public UploadedFile file(String name) {
        List<UploadedFile> found = files().get(name);
        return found == null || found.isEmpty() ? null : found.get(0);
    }

    /** Every uploaded file of a field ({@code <input type=file multiple>}). */
    public List<UploadedFile> filesAll(String name) {
        return files().getOrDefault(name, List.of());
    }

    /** The uploaded files by field name; empty unless the body is {@code multipart/form-data}. */
    public Map<String, List<UploadedFile>> files() {
        return MultipartForm.isMultipart(this) ? multipart().files() : Map.of();
    }

    private MultipartForm multipart() {
        if (multipart == null) {
            multipart = MultipartForm.decode(this, app.settings());
        }
        return multipart;
    }

    /** The decoded multipart body, if anything decoded it, for cleanup when the request ends. */
    MultipartForm multipartIfDecoded() {
        return multipart;
    }

    /**
     * The user's session (Flask's {@code session}), from the signed session cookie; empty when
     * there is none or it is not valid. Needs a secret key: {@code MICROFLASK_SECRET_KEY} or
     * {@code app.settings().secretKey(...)}.
     */
    public Session session() {
        if (session == null) {
            session = app.sessions().open(this);
        }
        return session;
    }

    /** The session, if this request opened it. */
    Session sessionIfOpened() {
        return session;
    }

    /** Flashes a message for the next page (Flask's {@code flash(message)}), in the category {@code "message"}. */
    public Request flash(String message) {
        return flash(message, Flash.DEFAULT_CATEGORY);
    }

    /** Flashes a message in a category, e.g. {@code "error"} (Flask's {@code flash(message, category)}). */
    public Request flash(String message, String category) {
        Flash.add(session(), message, category);
        return this;
    }

    /**
     * The messages flashed for this user, with their categories (Flask's
     * {@code get_flashed_messages(with_categories=True)}). Reading them removes them from the
     * session; later calls in the same request return the same list.
     */
    public List<FlashMessage> flashes() {
        if (flashes == null) {
            flashes = Flash.take(session());
        }
        return flashes;
    }

    /** The flashed messages of the given categories only (Flask's {@code category_filter}). */
    public List<FlashMessage> flashes(String... categories) {
        List<String> wanted = List.of(categories);
        return flashes().stream().filter(m -> wanted.contains(m.category())).toList();
    }

    /**
     * The URL of an endpoint, as Flask's {@code url_for}: see {@link App#urlFor(String, Map)}. An
     * endpoint starting with {@code "."} is relative to the current route's class, e.g.
     * {@code ".index"}.
     */
    public String urlFor(String endpoint, Map<String, ?> values) {
        return urlFor(endpoint, values, false);
    }

    public String urlFor(String endpoint) {
        return urlFor(endpoint, Map.of(), false);
    }

    /** With {@code external}, an absolute URL with this request's scheme and host. */
    public String urlFor(String endpoint, Map<String, ?> values, boolean external) {
        String resolved = endpoint;
        if (endpoint.startsWith(".") && route != null) {
            String current = route.endpoint();
            int dot = current.lastIndexOf('.');
            resolved = (dot < 0 ? "" : current.substring(0, dot)) + endpoint;
        }
        String url = app.urlFor(resolved, values);
        return external ? scheme + "://" + host() + url : url;
    }

    /** The client's address and port as the socket sees it (or as a trusted proxy says). */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The client's IP address as text, e.g. {@code "127.0.0.1"}. */
    public String remoteIp() {
        if (remoteAddress == null) {
            return "127.0.0.1";
        }
        InetAddress address = remoteAddress.getAddress();
        return address == null ? remoteAddress.getHostString() : address.getHostAddress();
    }

    /** Whether the client is this machine (a loopback address). */
    public boolean isLocalClient() {
        if (remoteAddress == null) {
            return true;
        }
        InetAddress address = remoteAddress.getAddress();
        return address != null && address.isLoopbackAddress();
    }

    /** The matched route's path variables, converted (e.g. an {@code Integer} for {@code <int:id>}). */
    public Map<String, Object> pathVariables() {
        return pathVariables;
    }

    /** One path variable, converted, or {@code null}. */
    public Object pathVariable(String name) {
        return pathVariables.get(name);
    }

    /** The route that matched, or {@code null} before routing or when none did. */
    public RouteInfo route() {
        return route;
    }

    /** Set by the dispatcher once the route is known. */
    public void matched(RouteInfo route, Map<String, Object> pathVariables) {
        this.route = route;
        this.pathVariables = pathVariables;
    }

    /** The app answering this request. */
    public App app() {
        return app;
    }

    void app(App app) {
        this.app = app;
    }

    /** A request-scoped value (Flask's {@code g}), or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return attributes == null ? null : (T) attributes.get(name);
    }

    /** Stores a request-scoped value (Flask's {@code g}); gone when the request ends. */
    public Request attribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        return this;
    }

    /** Every request-scoped value. */
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return attributes;
    }

    /** The underlying Netty message, for extensions (e.g. multipart decoding). */
    public FullHttpRequest nettyRequest() {
        return message;
    }

    private static Map<String, List<String>> decodeParams(String encoded) {
        try {
            // Netty keeps the order of first appearance and groups repeated names.
            return new LinkedHashMap<>(new QueryStringDecoder(encoded, StandardCharsets.UTF_8, false, 1024)
                    .parameters());
        } catch (IllegalArgumentException e) {
            // A client's bad percent-encoding ("q=%", "%zz") is its error, not the server's.
            throw new HttpException(400, "The query string or form body is not valid URL encoding: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return method + " " + message.uri();
    }
}
