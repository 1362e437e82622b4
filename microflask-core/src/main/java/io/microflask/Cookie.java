package io.microflask;

import java.time.Duration;
import java.util.Objects;

/**
 * A cookie to set on a {@link Response}. HttpOnly and {@code SameSite=Lax} by default, since a
 * cookie that scripts can read or that other sites can send is rarely what an app means.
 */
public final class Cookie {
    /** The cookie's SameSite attribute. */
    public enum SameSite { STRICT, LAX, NONE }

    private final String name;
    private final String value;
    private String path = "/";
    private String domain;
    private long maxAgeSeconds = Long.MIN_VALUE;
    private boolean secure;
    private boolean httpOnly = true;
    private SameSite sameSite = SameSite.LAX;

    /** A cookie with the safe defaults: path {@code /}, HttpOnly, SameSite=Lax, a session cookie. */
    public Cookie(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie needs a name");
        }
    }

    /** A cookie that tells the browser to delete {@code name} (empty value, Max-Age 0). */
    public static Cookie expired(String name) {
        return new Cookie(name, "").maxAge(Duration.ZERO);
    }

    /** Sets the Path attribute. */
    public Cookie path(String path) {
        this.path = path;
        return this;
    }

    /** Sets the Domain attribute; {@code null} is the request's host only. */
    public Cookie domain(String domain) {
        this.domain = domain;
        return this;
    }

    /** Sets Max-Age; {@code null} makes a session cookie, zero deletes the cookie. */
    public Cookie maxAge(Duration maxAge) {
        this.maxAgeSeconds = maxAge.toSeconds();
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
        if (secure || sameSite == SameSite.NONE) {
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
        return sb.toString();
    }

    @Override
    public String toString() {
        return toSetCookieHeader();
    }
}
