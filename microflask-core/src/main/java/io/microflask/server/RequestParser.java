package io.microflask.server;

import io.microflask.Settings;
import io.microflask.routing.PathEncoding;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Splits a request target into a path, decoded segments and a query, strictly. */
final class RequestParser {
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
     * The request as the app sees it; forwarded headers are believed only when {@code remote} is
     * one of {@link Settings#trustedProxies(String...)}.
     */
    static IncomingRequest parse(FullHttpRequest message, SocketAddress remote, Settings settings) {
        InetSocketAddress peer = remote instanceof InetSocketAddress inet ? inet : null;
        ForwardedHeaders.Origin origin = ForwardedHeaders.resolve(message.headers(), peer, settings);
        return parse(message, origin.address(), origin.scheme(), origin.host());
    }

    private static IncomingRequest parse(FullHttpRequest message, InetSocketAddress address, String scheme,
                                         String forwardedHost) {
        String uri = message.uri();
        String target = uri;
        if (!target.startsWith("/")) {
            // Absolute-form (a proxy request, "http://host/path") is accepted; authority-form and
            // asterisk-form are not requests a web app answers.
            int scheme_end = target.indexOf("://");
            if (scheme_end > 0 && (target.startsWith("http://") || target.startsWith("https://"))) {
                int slash = target.indexOf('/', scheme_end + 3);
                target = slash < 0 ? "/" : target.substring(slash);
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
            String[] raw = rawPath.substring(1).split("/", -1);
            segments = new ArrayList<>(raw.length);
            StringBuilder decoded = new StringBuilder(rawPath.length());
            for (String part : raw) {
                String segment;
                try {
                    segment = PathEncoding.decodeSegment(part);
                } catch (PathEncoding.MalformedPathException e) {
                    throw new BadTargetException(e.getMessage());
                }
                segments.add(segment);
                decoded.append('/').append(segment);
            }
            path = decoded.toString();
        }
        String host = forwardedHost;
        if (host == null) {
            host = message.headers().get(HttpHeaderNames.HOST);
            if (host == null || host.isEmpty()) {
                host = "localhost";
            }
        }
        return new IncomingRequest(message, rawPath, path, List.copyOf(segments), rawQuery, address, scheme, host);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
