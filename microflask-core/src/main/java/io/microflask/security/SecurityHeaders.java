package io.microflask.security;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Settings;
import io.microflask.util.HostNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * The security headers every answer gets by default ({@code X-Content-Type-Options},
 * {@code Referrer-Policy}, {@code X-Frame-Options}, and {@code Content-Security-Policy} when set),
 * plus {@code Strict-Transport-Security} over HTTPS; each one a setting. A header the handler set
 * itself is left as it is.
 */
public final class SecurityHeaders {
    private static final AsciiString CONTENT_TYPE_OPTIONS = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    private static final AsciiString REFERRER_POLICY = AsciiString.cached("Referrer-Policy");
    private static final AsciiString FRAME_OPTIONS = AsciiString.cached("X-Frame-Options");
    private static final AsciiString CONTENT_SECURITY_POLICY = AsciiString.cached("Content-Security-Policy");
    private static final AsciiString STRICT_TRANSPORT_SECURITY = AsciiString.cached("Strict-Transport-Security");

    private SecurityHeaders() {
    }

    /** Adds the headers {@code settings} asks for to {@code response}; {@code request} may be {@code null} (then no HSTS). */
    public static void apply(Settings settings, Request request, Response response) {
        HttpHeaders headers = response.headers();
        if (settings.contentTypeNosniff()) {
            setIfAbsent(headers, CONTENT_TYPE_OPTIONS, NOSNIFF);
        }
        setIfAbsent(headers, REFERRER_POLICY, settings.referrerPolicy());
        setIfAbsent(headers, FRAME_OPTIONS, settings.frameOptions());
        setIfAbsent(headers, CONTENT_SECURITY_POLICY, settings.contentSecurityPolicy());
        // Not with the self-signed development certificate: it would pin the name to HTTPS for a year.
        if (request != null && request.isSecure() && !settings.adhocCertificate() && sendsHsts(request.host())) {
            setIfAbsent(headers, STRICT_TRANSPORT_SECURITY, settings.strictTransportSecurity());
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

    /**
     * Straight into Netty's headers, without {@link Response#header(String, Object)}'s checks: the names
     * are constants and the values were checked when they were set (the {@code Settings} setters).
     */
    private static void setIfAbsent(HttpHeaders headers, AsciiString name, CharSequence value) {
        if (value != null && !headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
