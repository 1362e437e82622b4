package io.microflask.util;

import java.util.Locale;

/**
 * The syntax of a {@code Host} header's value (RFC 9110 7.2, RFC 3986 3.2.2): {@code host[:port]}
 * where host is a name, an IPv4 address or an IPv6 address in brackets, and port is 1 to 5 digits
 * up to 65535. A name is the part of RFC 3986's reg-name that names hosts: letters, digits,
 * {@code -}, {@code .} and {@code _}. Percent-encoding and the sub-delimiters ({@code !$&'()*+,;=})
 * that reg-name also allows are refused, since no DNS name uses them and they are how junk such as
 * {@code evil.example/<script>} or {@code a@evil.example} would reach a redirect. Never looks a
 * name up.
 */
public final class HostNames {
    /** The longest name accepted: DNS allows 253 characters; a little slack for a trailing dot. */
    private static final int MAX_NAME_LENGTH = 255;

    private HostNames() {
    }

    /**
     * A valid {@code host[:port]}, split and normalised.
     *
     * @param name the host in lower case, an IPv6 address with its brackets, e.g. {@code "[::1]"}
     * @param port the port, or {@code -1} when none was given
     */
    public record HostAndPort(String name, int port) {
        /** {@code name} or {@code name:port}, as a Host header would carry it. */
        @Override
        public String toString() {
            return port < 0 ? name : name + ":" + port;
        }
    }

    /** The host and port of {@code text}, or {@code null} when it is not a valid {@code host[:port]}. */
    public static HostAndPort parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_NAME_LENGTH + 6) {
            return null;
        }
        String name;
        String portText = null;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            String literal = text.substring(1, close);
            if (literal.indexOf(':') < 0 || !isAddressText(literal) || CidrRange.parseLiteral(literal) == null) {
                return null;
            }
            name = "[" + literal.toLowerCase(Locale.ROOT) + "]";
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return null;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            name = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (!isName(name)) {
                return null;
            }
            name = name.toLowerCase(Locale.ROOT);
        }
        int port = -1;
        if (portText != null) {
            port = parsePort(portText);
            if (port < 0) {
                return null;
            }
        }
        return new HostAndPort(name, port);
    }

    /** Whether {@code text} is a valid {@code host[:port]}; see the class comment for what that is. */
    public static boolean isValid(String text) {
        return parse(text) != null;
    }

    /**
     * Whether {@code text} names this machine's loopback interface in a way no other site can
     * take over by DNS: {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with any port or none.
     */
    public static boolean isLoopbackName(String text) {
        HostAndPort host = parse(text);
        if (host == null) {
            return false;
        }
        return switch (host.name()) {
            case "localhost", "127.0.0.1", "[::1]" -> true;
            default -> false;
        };
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Hex digits, colons and dots only: what an IPv6 literal (or its IPv4 tail) is written with. */
    private static boolean isAddressText(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }
}
