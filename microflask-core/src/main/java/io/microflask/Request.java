package io.microflask;

import io.netty.handler.codec.http.HttpHeaders;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request: method, path, query, headers, cookies, body, form fields, uploads, the
 * client's address, the matched route and its path variables, the session and flashed messages,
 * and a request-scoped attribute bag (Flask's {@code g}). Handlers get it by declaring a
 * parameter of this type.
 *
 * <p>The convention for repeated values: {@code query(name)}, {@code form(name)},
 * {@code file(name)} and {@code header(name)} give the first value or {@code null};
 * {@code queryAll}, {@code formAll}, {@code fileAll} and {@code headerAll} give every value, empty
 * when there is none. {@code requireForm(name)} answers 400 when the field is missing, as Flask's
 * {@code request.form[name]} does.
 *
 * <p>A request is valid only while it is being handled: its body and uploaded files are released
 * afterwards. The framework creates requests; an application never implements this interface.
 */
public interface Request {

    /** The method in upper case, e.g. {@code "GET"}. */
    String method();

    /** The decoded path, e.g. {@code "/users/42"}. */
    String path();

    /** The path as sent, still percent-encoded. */
    String rawPath();

    /** The path's segments, each percent-decoded. {@code "/a/b/"} has {@code ["a", "b", ""]}. */
    List<String> segments();

    /** The query string as sent, without the {@code ?}; empty when there is none. */
    String queryString();

    /**
     * The request target as sent, in origin form: path and query (an absolute-form target,
     * {@code http://host/path?q}, gives {@code /path?q}).
     */
    String uri();

    /** {@code "http"} (or what a trusted proxy says). */
    String scheme();

    /**
     * Whether the request came over HTTPS: over TLS to this server, or to a trusted proxy that
     * says so ({@code X-Forwarded-Proto: https}, {@code Forwarded: proto=https}); see {@link #scheme()}.
     */
    default boolean isSecure() {
        return "https".equalsIgnoreCase(scheme());
    }

    /**
     * The host the client asked for, e.g. {@code "127.0.0.1:5000"}: the host a trusted proxy
     * reports ({@code X-Forwarded-Host} or {@code Forwarded: host=}), else the authority of an
     * absolute-form target ({@code GET http://host/path}, RFC 9112 3.2.2), else the {@code Host}
     * header; {@code "localhost"} when there is none. Always a valid {@code host[:port]} (the server
     * answers 400 to anything else) and, when {@link Settings#trustedHosts()} is set, one of them.
     */
    String host();

    /**
     * {@code scheme://host} as the client sees this server (through trusted proxies too): the
     * base for absolute URLs in redirects and links, e.g. {@code request.baseUrl() + "/login"}.
     */
    default String baseUrl() {
        return scheme() + "://" + host();
    }

    /** The full URL: {@code scheme://host/path?query}. */
    default String url() {
        return baseUrl() + uri();
    }

    /** The first value of a query argument, or {@code null}. */
    default String query(String name) {
        List<String> values = queryAll(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated query argument ({@code ?tag=a&tag=b}); empty when absent. */
    default List<String> queryAll(String name) {
        return queryParams().getOrDefault(name, List.of());
    }

    /**
     * All query arguments, in the order sent. Bad percent-encoding is the client's error: a
     * {@link HttpException} 400.
     */
    Map<String, List<String>> queryParams();

    /** The first value of a header (case-insensitive), or {@code null}. */
    default String header(String name) {
        return headers().get(KnownHeaderNames.of(name));
    }

    /** Every value of a header (case-insensitive); empty when absent. */
    default List<String> headerAll(String name) {
        return headers().getAll(KnownHeaderNames.of(name));
    }

    /** All headers (names compare case-insensitively). */
    HttpHeaders headers();

    /** The {@code Content-Type} header, or {@code null}. */
    default String contentType() {
        return header("Content-Type");
    }

    /**
     * The {@code Authorization} header parsed: Basic's user name and password, Bearer's token;
     * {@code null} when absent or malformed. See {@link Authorization}.
     */
    default Authorization authorization() {
        return Authorization.parse(header("Authorization"));
    }

    /**
     * Content negotiation: which of {@code offered} (media types the handler can answer with, its
     * preference first) the client's {@code Accept} ranks highest, e.g.
     * {@code request.accepts("application/json", "text/html")}. Quality values count
     * ({@code text/html;q=0.9}), a more specific range decides over a wider one, and a tie goes to
     * the earlier offered. Without {@code Accept}, the first offered; {@code null} when the client
     * accepts none (answer 406, or a default).
     */
    default String accepts(String... offered) {
        return MediaRanges.best(String.join(",", headerAll("Accept")), offered);
    }

    /** A cookie's value, or {@code null}. */
    default String cookie(String name) {
        return cookies().get(name);
    }

    /** All cookies the client sent; the first wins when a name repeats. */
    Map<String, String> cookies();

    /** The body as bytes (a copy). */
    byte[] body();

    /** The body's length in bytes (at most {@code Integer.MAX_VALUE}; larger bodies say that much). */
    int bodyLength();

    /**
     * The body as a stream, without a copy: from memory, or from the temporary file a large body
     * was written to as it arrived ({@code settings().bodyMemoryThreshold()}). Prefer it to
     * {@link #body()} for large bodies; a handler may also declare an {@code InputStream}
     * parameter to get it.
     */
    InputStream bodyStream();

    /** The body decoded with the charset of its Content-Type (UTF-8 when none is given). */
    String text();

    /** The charset named by Content-Type, UTF-8 when absent or unknown. */
    Charset charset();

    /** The first value of a form field (url-encoded or multipart), or {@code null}. */
    default String form(String name) {
        List<String> values = formAll(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * The first value of a form field that must be there, as Flask's {@code request.form["title"]}:
     * a missing field is the client's error, answered 400 naming the field (a {@link HttpException}).
     * An empty value is there; check it yourself when it must not be blank.
     */
    default String requireForm(String name) {
        List<String> values = formAll(name);
        if (values.isEmpty()) {
            throw new HttpException(400, "missing form field '" + name + "'");
        }
        return values.get(0);
    }

    /** Every value of a form field; empty when absent. */
    default List<String> formAll(String name) {
        return formParams().getOrDefault(name, List.of());
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data}
     * body, in the order sent; empty for other bodies.
     */
    Map<String, List<String>> formParams();

    /**
     * The uploaded file of a {@code multipart/form-data} field, or {@code null}; the first one
     * when the field holds several.
     */
    default UploadedFile file(String name) {
        List<UploadedFile> found = fileAll(name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every uploaded file of a field ({@code <input type=file multiple>}); empty when absent. */
    default List<UploadedFile> fileAll(String name) {
        return files().getOrDefault(name, List.of());
    }

    /** The uploaded files by field name; empty unless the body is {@code multipart/form-data}. */
    Map<String, List<UploadedFile>> files();

    /**
     * The user's session (Flask's {@code session}), from the signed session cookie; empty when
     * there is none or it is not valid. Needs a secret key: {@code MICROFLASK_SECRET_KEY} or
     * {@code app.settings().secretKey(...)}.
     */
    Session session();

    /** Flashes a message for the next page (Flask's {@code flash(message)}), in the category {@code "message"}. */
    default Request flash(String message) {
        return flash(message, FlashMessage.DEFAULT_CATEGORY);
    }

    /** Flashes a message in a category, e.g. {@code "error"} (Flask's {@code flash(message, category)}). */
    Request flash(String message, String category);

    /**
     * The messages flashed for this user, with their categories (Flask's
     * {@code get_flashed_messages(with_categories=True)}). Reading them removes them from the
     * session; later calls in the same request return the same list.
     */
    List<FlashMessage> flashes();

    /** The flashed messages of the given categories only (Flask's {@code category_filter}). */
    default List<FlashMessage> flashes(String... categories) {
        List<String> wanted = List.of(categories);
        return flashes().stream().filter(m -> wanted.contains(m.category())).toList();
    }

    /**
     * The URL of an endpoint, as Flask's {@code url_for}: see {@link App#urlFor(String, Map)}. An
     * endpoint starting with {@code "."} is relative to the current route's class, e.g.
     * {@code ".index"}.
     */
    default String urlFor(String endpoint, Map<String, ?> values) {
        return urlFor(endpoint, values, false);
    }

    /** The URL of an endpoint without variables. */
    default String urlFor(String endpoint) {
        return urlFor(endpoint, Map.of(), false);
    }

    /** With {@code external}, an absolute URL with this request's scheme and host. */
    String urlFor(String endpoint, Map<String, ?> values, boolean external);

    /** The client's address and port as the socket sees it (or as a trusted proxy says); {@code null} when unknown. */
    InetSocketAddress remoteAddress();

    /** The client's IP address as text, e.g. {@code "127.0.0.1"}. */
    String remoteIp();

    /** Whether the client is this machine (a loopback address). */
    boolean isLocalClient();

    /**
     * Whether debug details may be shown in answer to this request: the detailed error page and
     * core's stack trace, the route list on a 404, the reload-problem page and live reload. All
     * of these hold:
     * <ul>
     *   <li>the app runs in debug mode;</li>
     *   <li>the client is on this machine ({@link #isLocalClient()}), or
     *       {@link Settings#showDebugToRemoteClients()} is on;</li>
     *   <li>the request asked for {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (any port),
     *       or a host in {@link Settings#debugHosts()} ({@link #host()}; this defeats DNS rebinding,
     *       where a page on another site whose name resolves to 127.0.0.1 calls this server).</li>
     * </ul>
     * Core's error pages and microflask-devtools both ask this; it is the one place the decision is made.
     */
    boolean mayShowDebugDetails();

    /** The form field a CSRF token is sent in, as Flask-WTF names it: {@code csrf_token}. */
    String CSRF_FIELD = "csrf_token";

    /** The header a CSRF token is sent in by scripts ({@code fetch}): {@code X-CSRF-Token}. */
    String CSRF_HEADER = "X-CSRF-Token";

    /**
     * The CSRF token to put in this page's forms (the hidden field {@value #CSRF_FIELD}) or in a
     * script's {@value #CSRF_HEADER} header. Templates of microflask-render have it as
     * {@code {{csrf_token}}} and the whole hidden field as {@code {{{csrf_field}}}}.
     *
     * <p>One secret per session, kept in the session (created on first use, so the response sets
     * the session cookie), and sent masked with fresh random bytes on every request, so that
     * compressed pages do not reveal it (BREACH). Every token of the session stays valid until the
     * session ends or {@link Session#regenerate()} (login) replaces it. Needs a secret key, as
     * sessions do.
     */
    String csrfToken();

    /** The matched route's path variables, converted (e.g. an {@code Integer} for {@code <int:id>}). */
    Map<String, Object> pathVariables();

    /** One path variable, converted, or {@code null}. */
    default Object pathVariable(String name) {
        return pathVariables().get(name);
    }

    /** The route that matched, or {@code null} when none did. */
    RouteInfo route();

    /** The settings of the app answering this request. */
    Settings settings();

    /**
     * The installed extension of this type for the app answering this request, or {@code null}:
     * how an extension's helpers (e.g. {@code Json.body(request)}) find their configuration.
     */
    <E> E extension(Class<E> type);

    /** A request-scoped value (Flask's {@code g}), or {@code null}. */
    <T> T attribute(String name);

    /** Stores a request-scoped value (Flask's {@code g}); {@code null} removes it; gone when the request ends. */
    Request attribute(String name, Object value);

    /** Every request-scoped value, modifiable. */
    Map<String, Object> attributes();

    /**
     * This request's id: the one a trusted proxy sent in {@link Settings#requestIdHeader()}
     * ({@code X-Request-Id}), else one the server generated. The answer echoes it in that header;
     * the access log writes it, and the SLF4J MDC holds it as {@code requestId} while handlers and
     * hooks run, so that the app's own log lines can carry it ({@code %X{requestId}} in logback).
     */
    String requestId();
}
