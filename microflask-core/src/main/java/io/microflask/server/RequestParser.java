package io.microflask.server;

import io.microflask.Settings;
import io.microflask.routing.PathEncoding;
import io.microflask.util.HostNames;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Splits a request target into a path, decoded segments and a query, strictly, and decides the
 * host the request is for: a trusted proxy's report, else an absolute-form target's authority
 * (RFC 9112 3.2.2), else the Host header. A host that is not a valid {@code host[:port]}
 * ({@link HostNames}) is refused, and so is one outside {@link Settings#trustedHosts()} when that
 * is set, so that nothing the app builds from {@code host()} (redirects, external URLs) reflects junk.
 */
final class RequestParser {
    /**
     * The last {@code Host} value found valid. Nearly every request of an app names the same host, and
     * validity depends on the text alone, so a match skips the parse (2% of an event-loop request's
     * CPU). Written only when the host changes, so event loops sharing it rarely contend.
     */
    private static volatile String lastValidHost = "";

    private RequestParser() {
    }

    /** Thrown for a request target that is not an origin-form path (400). */
    static final class BadTargetException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadTargetException(String message) {
            super(message);
        }
    }

    /**
     * Thrown for a host that is malformed or not trusted (400); the message is the whole answer
     * text and names the fix.
     */
    static final class BadHostException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadHostException(String message) {
            super(message);
        }
    }

    /**
     * The request as the app sees it; forwarded headers are believed only when {@code remote} is
     * one of {@link Settings#trustedProxies(String...)}. {@code local} is the connection's own
     * address and {@code debug} the app's mode: in debug mode, on a connection to a loopback
     * address (or in process, where there is no socket), the loopback names are trusted hosts too.
     * {@code secure}: the connection is TLS, so the scheme is {@code https} unless a trusted proxy says otherwise.
     */
    static IncomingRequest parse(FullHttpRequest message, SocketAddress remote, SocketAddress local,
                                 Settings settings, boolean debug) {
        return parse(message, remote, local, settings, debug, false, RequestIds.generate());
    }

    /**
     * As {@link #parse(FullHttpRequest, SocketAddress, SocketAddress, Settings, boolean)}, on a TLS
     * connection or not, with the request's id.
     */
    static IncomingRequest parse(FullHttpRequest message, SocketAddress remote, SocketAddress local,
                                 Settings settings, boolean debug, boolean secure, String requestId) {
        InetSocketAddress peer = remote instanceof InetSocketAddress inet ? inet : null;
        ForwardedHeaders.Origin origin = ForwardedHeaders.resolve(message.headers(), peer, settings,
                secure ? "https" : "http");
        IncomingRequest request = parse(message, origin.address(), origin.scheme(), origin.host(), requestId);
        checkTrusted(request.host(), settings, debug && isLoopback(local));
        return request;
    }

    private static boolean isLoopback(SocketAddress local) {
        if (local instanceof InetSocketAddress inet) {
            return inet.getAddress() != null && inet.getAddress().isLoopbackAddress();
        }
        // The in-process exchange has no socket: it is this machine, as a missing peer is.
        return true;
    }

    private static void checkTrusted(String host, Settings settings, boolean loopbackDebug) {
        if (settings.isTrustedHost(host) || (loopbackDebug && HostNames.isLoopbackName(host))) {
            return;
        }
        throw new BadHostException("The host '" + host + "' is not served here: it is not one of the trusted "
                + "hosts. If it should be, add it to settings().trustedHosts(...) or MICROFLASK_TRUSTED_HOSTS.");
    }

    private static IncomingRequest parse(FullHttpRequest message, InetSocketAddress address, String scheme,
                                         String forwardedHost, String requestId) {
        String uri = message.uri();
        String target = uri;
        String authority = null;
        if (!target.startsWith("/")) {
            // Absolute-form (a proxy request, "http://host/path") is accepted, and its authority is
            // the host; authority-form and asterisk-form are not requests a web app answers.
            String lower = target.toLowerCase(Locale.ROOT);
            int schemeLength = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
            if (schemeLength > 0) {
                int end = schemeLength;
                while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
                    end++;
                }
                authority = target.substring(schemeLength, end);
                if (!HostNames.isValid(authority)) {
                    throw new BadHostException("The authority of the absolute-form request target is not a valid "
                            + "host[:port]: send a host name, an IPv4 address or a bracketed IPv6 address, "
                            + "optionally with a port, and no user information.");
                }
                String rest = target.substring(end);
                target = rest.startsWith("/") ? rest : "/" + rest;
            } else if (target.equals("*") && message.method().name().equals("OPTIONS")) {
                target = "*";
            } else {
                throw new BadTargetException("request target '" + abbreviate(uri) + "' is not a path starting with '/'");
            }
        }
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? "" : target.substring(question + 1);
        List<String> segments;
        String path;
        if (rawPath.equals("*")) {
            segments = List.of("*");
            path = "*";
        } else {
            segments = decodeSegments(rawPath);
            path = rawPath.indexOf('%') < 0 ? rawPath : joined(segments);
        }
        // RFC 9112 3.2.2: with an absolute-form target the Host header is ignored; otherwise it is
        // checked even when a trusted proxy's report wins over it, since the app can read it too.
        String hostHeader = authority == null ? hostHeader(message) : null;
        String host = forwardedHost != null ? forwardedHost : authority != null ? authority : hostHeader;
        return new IncomingRequest(message, rawPath, path, segments, rawQuery, address, scheme, host, requestId);
    }

    /** The decoded path: the segments, each after a slash. */
    private static String joined(List<String> segments) {
        StringBuilder decoded = new StringBuilder();
        for (String segment : segments) {
            decoded.append('/').append(segment);
        }
        return decoded.toString();
    }

    /**
     * The decoded segments of an origin-form path ({@code "/a/b%2Fc"} gives {@code a}, {@code b/c}),
     * as an unmodifiable list.
     */
    private static List<String> decodeSegments(String rawPath) {
        int count = 1;
        for (int i = 1; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '/') {
                count++;
            }
        }
        String[] segments = new String[count];
        int start = 1;
        for (int n = 0; n < count; n++) {
            int end = n == count - 1 ? rawPath.length() : rawPath.indexOf('/', start);
            try {
                segments[n] = PathEncoding.decodeSegment(rawPath.substring(start, end));
            } catch (PathEncoding.MalformedPathException e) {
                throw new BadTargetException(e.getMessage());
            }
            start = end + 1;
        }
        return List.of(segments);
    }

    /**
     * The decoded path segments of a request target (origin or absolute form), for a look-up made
     * before the request is whole; {@code null} when the target is not a path (it is refused later).
     */
    static List<String> segmentsOf(String target) {
        String rest = target;
        if (!rest.startsWith("/")) {
            int scheme = rest.indexOf("://");
            int slash = scheme < 0 ? -1 : rest.indexOf('/', scheme + 3);
            if (slash < 0) {
                return null;
            }
            rest = rest.substring(slash);
        }
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        try {
            return decodeSegments(rest.substring(0, end));
        } catch (BadTargetException e) {
            return null;
        }
    }

    /**
     * The Host header, checked; {@code "localhost"} when it is absent or empty (HTTP/1.0, or a
     * target without an authority).
     */
    private static String hostHeader(FullHttpRequest message) {
        String host = message.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            return "localhost";
        }
        if (!host.equals(lastValidHost)) {
            if (!HostNames.isValid(host)) {
                throw new BadHostException("The Host header is not a valid host[:port]: send a host name, an IPv4 "
                        + "address or a bracketed IPv6 address, optionally with a colon and a port.");
            }
            lastValidHost = host;
        }
        return host;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
