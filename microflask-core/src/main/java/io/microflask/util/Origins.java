package io.microflask.util;

import java.util.Locale;

/**
 * Web origins (RFC 6454) as browsers send them in {@code Origin}: {@code scheme://host[:port]},
 * compared in one normal form (lower case, without the scheme's default port), so that
 * {@code https://Example.com:443} and {@code https://example.com} are the same origin.
 */
public final class Origins {
    private Origins() {
    }

    /**
     * {@code origin} in normal form, or {@code null} when it is not an {@code http} or
     * {@code https} origin with a valid host (an opaque {@code "null"} origin included).
     */
    public static String normalize(String origin) {
        if (origin == null) {
            return null;
        }
        int separator = origin.indexOf("://");
        if (separator < 0) {
            return null;
        }
        return of(origin.substring(0, separator), origin.substring(separator + 3));
    }

    /**
     * The origin of {@code scheme} and {@code hostAndPort} (a Host header's value) in normal form,
     * or {@code null} when either is not valid.
     */
    public static String of(String scheme, String hostAndPort) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int defaultPort = switch (lowerScheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0) {
            return null;
        }
        HostNames.HostAndPort host = HostNames.parse(hostAndPort);
        if (host == null) {
            return null;
        }
        return lowerScheme + "://" + host.name() + (host.port() < 0 || host.port() == defaultPort ? "" : ":" + host.port());
    }
}
