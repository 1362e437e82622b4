package io.microflask.server;

import io.microflask.util.CidrRange;
import io.microflask.util.HostNames;
import io.microflask.Settings;
import io.netty.handler.codec.http.HttpHeaders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a request really came from when it passed through trusted proxies: the client's address,
 * the scheme and the host the client used. Forwarded headers are read only when the immediate
 * peer is a trusted proxy, and the chain of addresses is walked from the nearest hop outwards,
 * stopping at the first hop that is not trusted, since everything left of it was written by the
 * client and can be forged.
 *
 * <p>RFC 7239 {@code Forwarded} wins over the {@code X-Forwarded-*} headers when both are sent.
 */
final class ForwardedHeaders {
    private ForwardedHeaders() {
    }

    /** The client as the request describes it: {@code host} is {@code null} when the Host header stands. */
    record Origin(InetSocketAddress address, String scheme, String host) {
    }

    /**
     * The origin of a request from {@code peer}; {@code directScheme} is the connection's own
     * ({@code https} over TLS), which stands unless a trusted proxy says otherwise.
     */
    static Origin resolve(HttpHeaders headers, InetSocketAddress peer, Settings settings, String directScheme) {
        Origin direct = new Origin(peer, directScheme, null);
        if (peer == null || !settings.trustsProxies() || !settings.isTrustedProxy(peer.getAddress())) {
            return direct;
        }
        List<String> forwarded = headers.getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            return fromForwarded(forwarded, peer, settings, directScheme);
        }
        return fromXForwarded(headers, peer, settings, directScheme);
    }

    private static Origin fromForwarded(List<String> headerValues, InetSocketAddress peer, Settings settings,
                                        String directScheme) {
        List<String> elements = new ArrayList<>();
        for (String value : headerValues) {
            elements.addAll(splitOutsideQuotes(value, ','));
        }
        InetSocketAddress client = peer;
        String scheme = directScheme;
        String host = null;
        for (int i = elements.size() - 1; i >= 0; i--) {
            if (!settings.isTrustedProxy(client.getAddress())) {
                break;
            }
            // This element was written by the trusted proxy at `client` and describes its own client.
            String forAddress = null;
            for (String pair : splitOutsideQuotes(elements.get(i), ';')) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(equals + 1).trim());
                switch (name) {
                    case "for" -> forAddress = value;
                    case "proto" -> {
                        String proto = validScheme(value);
                        if (proto != null) {
                            scheme = proto;
                        }
                    }
                    case "host" -> {
                        if (validHost(value)) {
                            host = value;
                        }
                    }
                    default -> {
                        // "by" and extensions tell nothing the app needs.
                    }
                }
            }
            InetSocketAddress next = parseNode(forAddress);
            if (next == null) {
                // "unknown" or an obfuscated name: the chain cannot be followed further.
                break;
            }
            client = next;
        }
        return new Origin(client, scheme, host);
    }

    private static Origin fromXForwarded(HttpHeaders headers, InetSocketAddress peer, Settings settings,
                                         String directScheme) {
        List<String> hops = new ArrayList<>();
        for (String value : headers.getAll("X-Forwarded-For")) {
            hops.addAll(splitOutsideQuotes(value, ','));
        }
        InetSocketAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && settings.isTrustedProxy(client.getAddress()); i--) {
            InetSocketAddress next = parseNode(hops.get(i));
            if (next == null) {
                break;
            }
            client = next;
        }
        // Proxies that append to these lists put their own value last; the values on the left may
        // come from the client, so only the last one, written by the trusted peer, is believed.
        String scheme = validScheme(lastValue(headers.getAll("X-Forwarded-Proto")));
        String host = lastValue(headers.getAll("X-Forwarded-Host"));
        return new Origin(client, scheme == null ? directScheme : scheme, validHost(host) ? host : null);
    }

    private static String lastValue(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String last = values.get(values.size() - 1);
        int comma = last.lastIndexOf(',');
        return (comma < 0 ? last : last.substring(comma + 1)).trim();
    }

    private static String validScheme(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? lower : null;
    }

    /** A valid {@code host[:port]} ({@link HostNames}); anything else a proxy reports is ignored. */
    static boolean validHost(String host) {
        return HostNames.isValid(host);
    }

    /**
     * An address with an optional port: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code [2001:db8::1]:4711}. {@code null} for anything else ("unknown", "_hidden", names).
     */
    static InetSocketAddress parseNode(String node) {
        if (node == null) {
            return null;
        }
        String text = unquote(node.trim());
        int port = 0;
        String addressText = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            addressText = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = parsePort(rest.substring(1));
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            int colon = text.indexOf(':');
            addressText = text.substring(0, colon);
            port = parsePort(text.substring(colon + 1));
        }
        if (port < 0) {
            return null;
        }
        InetAddress address = CidrRange.parseLiteral(addressText);
        return address == null ? null : new InetSocketAddress(CidrRange.normalise(address), port);
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == separator && !quoted) {
                addTrimmed(parts, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addTrimmed(parts, current);
        return parts;
    }

    private static void addTrimmed(List<String> parts, StringBuilder part) {
        String trimmed = part.toString().trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }
}
