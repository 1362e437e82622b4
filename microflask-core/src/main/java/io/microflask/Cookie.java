package io.microflask;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A cookie to set on a {@link Response}. HttpOnly and {@code SameSite=Lax} by default, since a
 * cookie that scripts can read or that other sites can send is rarely what an app means.
 *
 * <p>What goes into the {@code Set-Cookie} header is checked when it is given, so that no value
 * can add attributes ({@code "x; Domain=evil.example"}) or break the header (CR, LF): anything
 * outside these rules is an {@link IllegalArgumentException} naming the character and its
 * position. microflask rejects rather than quotes or escapes, because a browser hands a cookie
 * back as it was set and each app would have to undo the quoting; encode the value yourself
 * (e.g. {@code URLEncoder.encode(value, UTF_8)} or base64url) when it can hold other characters.
 * <ul>
 *   <li>the name is a token (RFC 9110/6265): ASCII letters, digits and {@code !#$%&'*+-.^_`|~};</li>
 *   <li>the value and the Path are printable US-ASCII except space, {@code "}, {@code ,},
 *       {@code ;} and {@code \} (RFC 6265's cookie-octet); an empty value is allowed;</li>
 *   <li>the Domain is a host name: ASCII letters, digits, {@code -} and {@code .}.</li>
 * </ul>
 */
public final class Cookie {
    /** The cookie's SameSite attribute. */
    public enum SameSite {
        /** Sent only with requests that start on this site. */
        STRICT,
        /** Also sent when the user follows a link from another site (top-level GET), the default. */
        LAX,
        /** Sent with every request, cross-site too; browsers then require {@code Secure}. */
        NONE
    }

    /** RFC 9110's IMF-fixdate, which RFC 6265 asks for: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    private final String name;
    private final String value;
    private String path = "/";
    private String domain;
    private long maxAgeSeconds = Long.MIN_VALUE;
    private boolean secure;
    private boolean httpOnly = true;
    private SameSite sameSite = SameSite.LAX;
    private Instant expires;
    private boolean partitioned;

    /**
     * A cookie with the safe defaults: path {@code /}, HttpOnly, SameSite=Lax, a session cookie.
     *
     * @throws IllegalArgumentException for an empty name, or a name or value with a character the
     *                                  rules above do not allow, naming it and its position
     */
    public Cookie(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie needs a name");
        }
        checkName(name);
        int bad = HeaderChecks.firstNonCookieOctet(value);
        if (bad >= 0) {
            throw new IllegalArgumentException("the value of cookie '" + name + "' has "
                    + HeaderChecks.describe(value.charAt(bad)) + " at position " + bad + "; " + OCTETS
                    + ". Encode the value first, e.g. with URLEncoder.encode(value, StandardCharsets.UTF_8) "
                    + "or Base64.getUrlEncoder()");
        }
    }

    private static final String OCTETS = "a cookie value may hold only printable ASCII other than space, '\"', "
            + "',', ';' and '\\'";

    /** Checks a cookie name: a token, as {@link #Cookie(String, String)} requires. */
    static void checkName(String name) {
        HeaderChecks.cookieName(name);
    }

    /** Checks a Path attribute ({@code null} is none); the rules of a value apply. */
    static String checkPath(String path) {
        if (path != null) {
            if (path.isEmpty()) {
                throw new IllegalArgumentException("a cookie's Path must not be empty; use null to leave it out, "
                        + "or \"/\"");
            }
            int bad = HeaderChecks.firstNonCookieOctet(path);
            if (bad >= 0) {
                throw new IllegalArgumentException("the cookie Path '" + HeaderChecks.printable(path) + "' has "
                        + HeaderChecks.describe(path.charAt(bad)) + " at position " + bad + "; a Path may hold only "
                        + "printable ASCII other than space, '\"', ',', ';' and '\\' (percent-encode the others)");
            }
        }
        return path;
    }

    /** Checks a Domain attribute ({@code null} is the request's host only): a host name. */
    static String checkDomain(String domain) {
        if (domain != null) {
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("a cookie's Domain must not be empty; use null for the request's "
                        + "host only");
            }
            for (int i = 0; i < domain.length(); i++) {
                char c = domain.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                        || c == '.')) {
                    throw new IllegalArgumentException("the cookie Domain '" + HeaderChecks.printable(domain) + "' has "
                            + HeaderChecks.describe(c) + " at position " + i + "; a Domain is a host name of ASCII "
                            + "letters, digits, '-' and '.' (write an internationalised name in its xn-- form)");
                }
            }
        }
        return domain;
    }

    /**
     * A cookie that tells the browser to delete {@code name} (empty value, Max-Age 0), set with
     * Path {@code /} and no Domain. A cookie set with another Path or a Domain is deleted only by
     * one with the same: {@link #expired(String, String, String)}.
     */
    public static Cookie expired(String name) {
        return new Cookie(name, "").maxAge(Duration.ZERO);
    }

    /**
     * A cookie that deletes {@code name} as it was set with this Path and Domain (each
     * {@code null} for none), e.g. {@code Cookie.expired("prefs", "/app", "example.com")}.
     */
    public static Cookie expired(String name, String path, String domain) {
        return expired(name).path(path).domain(domain);
    }

    /**
     * Sets the Path attribute; {@code null} leaves it out.
     *
     * @throws IllegalArgumentException for an empty path, or one with a character a cookie value
     *                                  may not hold, naming it and its position
     */
    public Cookie path(String path) {
        this.path = checkPath(path);
        return this;
    }

    /**
     * Sets the Domain attribute; {@code null} is the request's host only.
     *
     * @throws IllegalArgumentException for an empty domain, or one with anything but ASCII letters,
     *                                  digits, {@code -} and {@code .}, naming the character and its position
     */
    public Cookie domain(String domain) {
        this.domain = checkDomain(domain);
        return this;
    }

    /** Sets Max-Age; {@code null} makes a session cookie, zero deletes the cookie. */
    public Cookie maxAge(Duration maxAge) {
        this.maxAgeSeconds = maxAge == null ? Long.MIN_VALUE : maxAge.toSeconds();
        return this;
    }

    /**
     * Sets the Expires attribute, the moment the cookie ends; {@code null} leaves it out. Max-Age
     * wins where both are set (browsers prefer it), so set one.
     */
    public Cookie expires(Instant expires) {
        this.expires = expires;
        return this;
    }

    /**
     * Sets the Partitioned attribute (CHIPS): a cookie of an embedded third-party site kept
     * apart for each top-level site that embeds it. Browsers take it only with {@code Secure},
     * which it therefore adds; use it with {@code SameSite=None} for a frame on another site.
     */
    public Cookie partitioned(boolean partitioned) {
        this.partitioned = partitioned;
        return this;
    }

    /** Sets whether the cookie is sent over HTTPS only. */
    public Cookie secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    /** Sets whether scripts are kept from reading the cookie. */
    public Cookie httpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
        return this;
    }

    /** Sets the SameSite attribute; {@code null} leaves it out. */
    public Cookie sameSite(SameSite sameSite) {
        this.sameSite = sameSite;
        return this;
    }

    /** The cookie's name. */
    public String name() {
        return name;
    }

    /** The cookie's value. */
    public String value() {
        return value;
    }

    /** The Path attribute. */
    public String path() {
        return path;
    }

    /** The Domain attribute, or {@code null}. */
    public String domain() {
        return domain;
    }

    /** Max-Age in seconds, or {@code Long.MIN_VALUE} for a session cookie. */
    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }

    /** The Expires attribute, or {@code null}. */
    public Instant expires() {
        return expires;
    }

    /** Whether the cookie is Partitioned. */
    public boolean partitioned() {
        return partitioned;
    }

    /** Whether the cookie is sent over HTTPS only. */
    public boolean secure() {
        return secure;
    }

    /** Whether scripts are kept from reading the cookie. */
    public boolean httpOnly() {
        return httpOnly;
    }

    /** The SameSite attribute, or {@code null}. */
    public SameSite sameSite() {
        return sameSite;
    }

    /** The {@code Set-Cookie} header value. */
    public String toSetCookieHeader() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(value);
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (maxAgeSeconds != Long.MIN_VALUE) {
            sb.append("; Max-Age=").append(Math.max(0, maxAgeSeconds));
            if (maxAgeSeconds <= 0) {
                sb.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            }
        }
        if (expires != null && (maxAgeSeconds == Long.MIN_VALUE || maxAgeSeconds > 0)) {
            sb.append("; Expires=").append(HTTP_DATE.format(expires.atOffset(ZoneOffset.UTC)));
        }
        if (secure || partitioned || sameSite == SameSite.NONE) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(switch (sameSite) {
                case STRICT -> "Strict";
                case LAX -> "Lax";
                case NONE -> "None";
            });
        }
        if (partitioned) {
            sb.append("; Partitioned");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toSetCookieHeader();
    }
}
