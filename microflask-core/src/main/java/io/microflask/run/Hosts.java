package io.microflask.run;

import java.net.InetAddress;
import java.util.Locale;

/** What a host given to {@code run} means: this machine only, every interface, or one address. */
public final class Hosts {
    private Hosts() {
    }

    /** Whether {@code host} is a loopback name or address: reachable from this machine only. */
    public static boolean isLoopback(String host) {
        String h = strip(host).toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.startsWith("127.")) {
            return true;
        }
        InetAddress literal = literal(h);
        return literal != null && literal.isLoopbackAddress();
    }

    /** Whether {@code host} is the wildcard address ({@code 0.0.0.0} or {@code ::}): every interface. */
    public static boolean isWildcard(String host) {
        String h = strip(host);
        if (h.isEmpty()) {
            return true;
        }
        InetAddress literal = literal(h);
        return literal != null && literal.isAnyLocalAddress();
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public static String hostPort(String host, int port) {
        String h = strip(host);
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    /** {@code scheme://host:port}, e.g. {@code https://[::1]:5000}. */
    public static String url(String scheme, String host, int port) {
        return scheme + "://" + hostPort(host, port);
    }

    private static String strip(String host) {
        String h = host == null ? "" : host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    /** The address when {@code host} is an IP literal (no DNS lookup), else null. */
    private static InetAddress literal(String host) {
        boolean ipv4 = host.matches("[0-9.]+");
        boolean ipv6 = host.contains(":") && host.matches("[0-9a-fA-F:.%a-zA-Z]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (Exception e) {
            return null;
        }
    }
}
