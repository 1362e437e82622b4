package io.microflask;

import io.microflask.util.Origins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CORS policy: which other origins' scripts may call the app and read its answers, for
 * {@link Settings#cors(Cors)} (app-wide) or {@link Settings#cors(String, Cors)} (under a prefix).
 * Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * app.settings().cors("/api", Cors.allowOrigins("https://app.example.com", "https://*.example.com")
 *         .allowMethods("GET", "POST", "DELETE")
 *         .allowCredentials(true));
 * }</pre>
 *
 * <p>Defaults: methods {@code GET, HEAD, POST}; request headers {@code Content-Type},
 * {@code Authorization}, {@code X-Requested-With} and {@code X-CSRF-Token}; no exposed headers; no
 * credentials; preflights cached for 10 minutes.
 */
public final class Cors {
    private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);
    private static final Set<String> DEFAULT_METHODS = ordered(List.of("GET", "HEAD", "POST"));
    private static final Set<String> DEFAULT_HEADERS =
            ordered(List.of("content-type", "authorization", "x-requested-with", "x-csrf-token"));

    private final Set<String> exactOrigins;
    private final List<Pattern> originPatterns;
    private final boolean anyOrigin;
    private final Set<String> methods;
    private final Set<String> headers;
    private final List<String> exposedHeaders;
    private final boolean credentials;
    private final Duration maxAge;

    private Cors(Set<String> exactOrigins, List<Pattern> originPatterns, boolean anyOrigin, Set<String> methods,
                 Set<String> headers, List<String> exposedHeaders, boolean credentials, Duration maxAge) {
        this.exactOrigins = exactOrigins;
        this.originPatterns = originPatterns;
        this.anyOrigin = anyOrigin;
        this.methods = methods;
        this.headers = headers;
        this.exposedHeaders = exposedHeaders;
        this.credentials = credentials;
        this.maxAge = maxAge;
        if (anyOrigin && credentials) {
            throw new IllegalArgumentException("Cors: allowOrigins(\"*\") cannot be combined with allowCredentials(true): "
                    + "any site could then act as the logged-in user and read the answers. Name the origins instead, "
                    + "e.g. Cors.allowOrigins(\"https://app.example.com\")");
        }
    }

    /**
     * A policy for these origins: exact ones as browsers send them ({@code "https://app.example.com"},
     * {@code "http://localhost:3000"}), patterns with {@code *.} for any subdomain
     * ({@code "https://*.example.com"} allows {@code https://a.example.com} and
     * {@code https://a.b.example.com}, not {@code https://example.com}), or {@code "*"} for any
     * origin (without credentials only).
     *
     * @throws IllegalArgumentException for anything that is not an origin or such a pattern
     */
    public static Cors allowOrigins(String... origins) {
        Set<String> exact = new LinkedHashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        boolean any = false;
        for (String origin : origins) {
            Objects.requireNonNull(origin, "origin");
            if (origin.equals("*")) {
                any = true;
            } else if (origin.contains("://*.")) {
                patterns.add(subdomainPattern(origin));
            } else {
                exact.add(Settings.checkOrigin("Cors.allowOrigins", origin));
            }
        }
        if (exact.isEmpty() && patterns.isEmpty() && !any) {
            throw new IllegalArgumentException("Cors.allowOrigins() needs at least one origin, e.g. "
                    + "\"https://app.example.com\"");
        }
        return new Cors(ordered(exact), List.copyOf(patterns), any, DEFAULT_METHODS, DEFAULT_HEADERS, List.of(), false,
                DEFAULT_MAX_AGE);
    }

    /**
     * A policy for the origins {@code pattern} matches as a whole, in the normal form
     * ({@code scheme://host[:port]}, lower case, no default port), e.g.
     * {@code Pattern.compile("https://(app|admin)\\.example\\.com")}.
     */
    public static Cors allowOriginsMatching(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return new Cors(Set.of(), List.of(pattern), false, DEFAULT_METHODS, DEFAULT_HEADERS, List.of(), false,
                DEFAULT_MAX_AGE);
    }

    private static Pattern subdomainPattern(String origin) {
        int star = origin.indexOf("://*.");
        String scheme = origin.substring(0, star);
        String rest = origin.substring(star + 5);
        String normal = Origins.normalize(scheme + "://" + rest);
        if (normal == null || rest.startsWith("*") || rest.contains("*")) {
            throw new IllegalArgumentException("Cors.allowOrigins: '" + origin + "' is not an origin pattern; write "
                    + "scheme://*.domain[:port], e.g. \"https://*.example.com\"");
        }
        String base = normal.substring(normal.indexOf("://") + 3);
        return Pattern.compile(Pattern.quote(normal.substring(0, normal.indexOf("://") + 3))
                + "([a-z0-9-]+\\.)+" + Pattern.quote(base));
    }

    /** An unmodifiable set in the order given: headers list them as the app wrote them. */
    private static Set<String> ordered(java.util.Collection<String> values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** The methods scripts may use, e.g. {@code "GET", "POST", "PUT", "DELETE"}. */
    public Cors allowMethods(String... methods) {
        Set<String> upper = new LinkedHashSet<>();
        for (String method : methods) {
            upper.add(HeaderChecks.token("Cors.allowMethods", method).toUpperCase(Locale.ROOT));
        }
        return new Cors(exactOrigins, originPatterns, anyOrigin, ordered(upper), headers, exposedHeaders,
                credentials, maxAge);
    }

    /** The request headers scripts may send, beside those every request may carry (replaces the defaults). */
    public Cors allowHeaders(String... headers) {
        Set<String> lower = new LinkedHashSet<>();
        for (String header : headers) {
            lower.add(HeaderChecks.token("Cors.allowHeaders", header).toLowerCase(Locale.ROOT));
        }
        return new Cors(exactOrigins, originPatterns, anyOrigin, methods, ordered(lower), exposedHeaders,
                credentials, maxAge);
    }

    /** The response headers scripts may read, beside the few every response exposes, e.g. {@code "ETag"}. */
    public Cors exposeHeaders(String... headers) {
        List<String> checked = new ArrayList<>();
        for (String header : headers) {
            checked.add(HeaderChecks.token("Cors.exposeHeaders", header));
        }
        return new Cors(exactOrigins, originPatterns, anyOrigin, methods, this.headers, List.copyOf(checked),
                credentials, maxAge);
    }

    /**
     * Whether scripts may send the user's cookies (and read answers to such requests): the
     * {@code credentials: "include"} of {@code fetch}. Default false. An origin allowed with
     * credentials can act as the user, so its form posts also pass CSRF protection.
     */
    public Cors allowCredentials(boolean allow) {
        return new Cors(exactOrigins, originPatterns, anyOrigin, methods, headers, exposedHeaders, allow, maxAge);
    }

    /** How long browsers may cache a preflight's answer ({@code Access-Control-Max-Age}); default 10 minutes. */
    public Cors maxAge(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("Cors.maxAge must be zero or positive, got " + maxAge);
        }
        return new Cors(exactOrigins, originPatterns, anyOrigin, methods, headers, exposedHeaders, credentials, maxAge);
    }

    /** Whether {@code origin} (an {@code Origin} header's value) may call the app under this policy. */
    public boolean allowsOrigin(String origin) {
        if (anyOrigin && origin != null) {
            return true;
        }
        String normal = Origins.normalize(origin);
        if (normal == null) {
            return false;
        }
        if (exactOrigins.contains(normal)) {
            return true;
        }
        for (Pattern pattern : originPatterns) {
            if (pattern.matcher(normal).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether any origin is allowed ({@code "*"}). */
    public boolean allowsAnyOrigin() {
        return anyOrigin;
    }

    /** The methods allowed, in upper case. */
    public Set<String> allowedMethods() {
        return methods;
    }

    /** The request headers allowed, in lower case. */
    public Set<String> allowedHeaders() {
        return headers;
    }

    /** The response headers exposed to scripts. */
    public List<String> exposedHeaders() {
        return exposedHeaders;
    }

    /** Whether credentials (cookies) are allowed. */
    public boolean allowsCredentials() {
        return credentials;
    }

    /** How long a preflight's answer may be cached. */
    public Duration maxAge() {
        return maxAge;
    }

    @Override
    public String toString() {
        return "Cors[origins=" + (anyOrigin ? "*" : exactOrigins + " " + originPatterns) + ", methods=" + methods
                + ", headers=" + headers + ", credentials=" + credentials + ", maxAge=" + maxAge + "]";
    }
}
