package io.microflask;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@link TestClient}'s cookies, kept as a browser keeps them (RFC 6265): by name, domain and
 * path; host-only unless the cookie names a domain the host belongs to; sent only to matching
 * hosts and paths, {@code Secure} ones only over HTTPS or to {@code localhost} (which browsers
 * treat as a secure origin); dropped when they expire ({@code Max-Age}, {@code Expires}).
 */
final class TestCookieJar {
    private final Clock clock;
    private final List<Stored> cookies = new ArrayList<>();
    private long created;

    TestCookieJar(Clock clock) {
        this.clock = clock;
    }

    /** One cookie as the jar holds it; {@code expiresAt} is epoch milliseconds, {@link Long#MAX_VALUE} for a session cookie. */
    record Stored(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                  long expiresAt, long order) {
    }

    /** Takes a {@code Set-Cookie} header the app sent in answer to {@code url}; one that does not apply is ignored, as a browser does. */
    void receive(String setCookie, TestUrl url) {
        io.netty.handler.codec.http.cookie.Cookie parsed = ClientCookieDecoder.LAX.decode(setCookie);
        if (parsed == null) {
            return;
        }
        String host = url.host();
        String domain = parsed.domain();
        boolean hostOnly = domain == null || domain.isEmpty();
        if (hostOnly) {
            domain = host;
        } else {
            domain = (domain.startsWith(".") ? domain.substring(1) : domain).toLowerCase(Locale.ROOT);
            if (!domainMatches(host, domain)) {
                return; // a site may not set cookies for another
            }
        }
        String path = parsed.path();
        if (path == null || !path.startsWith("/")) {
            path = defaultPath(url.path());
        }
        long now = clock.millis();
        long maxAge = parsed.maxAge();
        long expiresAt = maxAge == Long.MIN_VALUE ? Long.MAX_VALUE
                : maxAge <= 0 ? Long.MIN_VALUE : now + Math.min(maxAge, Long.MAX_VALUE / 2000) * 1000;
        String finalDomain = domain;
        String finalPath = path;
        long order = created++;
        for (Iterator<Stored> it = cookies.iterator(); it.hasNext(); ) {
            Stored old = it.next();
            if (old.name().equals(parsed.name()) && old.domain().equals(finalDomain) && old.path().equals(finalPath)) {
                order = old.order(); // a replaced cookie keeps its place, as RFC 6265 5.3 step 11 says
                it.remove();
            }
        }
        if (expiresAt > now) {
            cookies.add(new Stored(parsed.name(), parsed.value(), finalDomain, hostOnly, finalPath, parsed.isSecure(),
                    expiresAt, order));
        }
    }

    /** The {@code Cookie} header for a request to {@code url}, or {@code null} when no cookie applies. */
    String header(TestUrl url) {
        List<Stored> matching = matching(url);
        if (matching.isEmpty()) {
            return null;
        }
        StringBuilder header = new StringBuilder();
        for (Stored cookie : matching) {
            header.append(header.length() == 0 ? "" : "; ").append(cookie.name()).append('=').append(cookie.value());
        }
        return header.toString();
    }

    /** The cookies a request to {@code url} would carry, longest path first, then oldest first. */
    List<Stored> matching(TestUrl url) {
        long now = clock.millis();
        cookies.removeIf(cookie -> cookie.expiresAt() <= now);
        List<Stored> found = new ArrayList<>();
        String host = url.host();
        for (Stored cookie : cookies) {
            boolean hostMatches = cookie.hostOnly() ? cookie.domain().equals(host) : domainMatches(host, cookie.domain());
            boolean secureOk = !cookie.secure() || url.https() || host.equals("localhost") || host.equals("127.0.0.1")
                    || host.equals("[::1]");
            if (hostMatches && pathMatches(url.path(), cookie.path()) && secureOk) {
                found.add(cookie);
            }
        }
        found.sort(Comparator.comparingInt((Stored c) -> -c.path().length()).thenComparingLong(Stored::order));
        return found;
    }

    /** Every cookie kept and not expired. */
    List<Stored> all() {
        long now = clock.millis();
        cookies.removeIf(cookie -> cookie.expiresAt() <= now);
        return List.copyOf(cookies);
    }

    /** Forgets the cookies of this name (for {@code domain} only, unless {@code null}). */
    void remove(String name, String domain) {
        cookies.removeIf(cookie -> cookie.name().equals(name) && (domain == null || cookie.domain().equals(domain)));
    }

    void clear() {
        cookies.clear();
    }

    static boolean domainMatches(String host, String domain) {
        return host.equals(domain) || (host.endsWith("." + domain) && !isIpAddress(host));
    }

    private static boolean isIpAddress(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** RFC 6265 5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 5.1.4: the request path up to its last '/', or "/". */
    static String defaultPath(String requestPath) {
        int last = requestPath.lastIndexOf('/');
        return last <= 0 ? "/" : requestPath.substring(0, last);
    }

    /**
     * Where a test request goes, as the client sees it: scheme, host (lower case, without a port)
     * and the decoded-as-sent path.
     */
    record TestUrl(boolean https, String host, String path) {
        TestUrl {
            Objects.requireNonNull(host);
            Objects.requireNonNull(path);
        }
    }
}
