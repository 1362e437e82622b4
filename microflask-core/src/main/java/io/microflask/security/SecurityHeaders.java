package io.microflask.security;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Settings;
import io.microflask.util.HostNames;

/**
 * The security headers every answer gets by default ({@code X-Content-Type-Options},
 * {@code Referrer-Policy}, {@code X-Frame-Options}, and {@code Content-Security-Policy} when set),
 * plus {@code Strict-Transport-Security} over HTTPS; each one a setting. A header the handler set
 * itself is left as it is.
 */
public final class SecurityHeaders {
    private SecurityHeaders() {
    }

    /** Adds the headers {@code settings} asks for to {@code response}; {@code request} may be {@code null} (then no HSTS). */
    public static void apply(Settings settings, Request request, Response response) {
        if (settings.contentTypeNosniff()) {
            setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        }
        setIfAbsent(response, "Referrer-Policy", settings.referrerPolicy());
        setIfAbsent(response, "X-Frame-Options", settings.frameOptions());
        setIfAbsent(response, "Content-Security-Policy", settings.contentSecurityPolicy());
        // Not with the self-signed development certificate: it would pin the name to HTTPS for a year.
        if (request != null && request.isSecure() && !settings.adhocCertificate() && sendsHsts(request.host())) {
            setIfAbsent(response, "Strict-Transport-Security", settings.strictTransportSecurity());
        }
    }

    /**
     * Browsers ignore HSTS for IP addresses (RFC 6797 8.1), and for {@code localhost} it would make
     * every later {@code http://localhost} app unreachable, so neither gets it.
     */
    private static boolean sendsHsts(String host) {
        HostNames.HostAndPort parsed = HostNames.parse(host);
        if (parsed == null || HostNames.isLoopbackName(host)) {
            return false;
        }
        String name = parsed.name();
        return !(name.startsWith("[") || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')));
    }

    private static void setIfAbsent(Response response, String name, String value) {
        if (value != null && response.header(name) == null) {
            response.header(name, value);
        }
    }
}
