package io.microflask.session;

import io.microflask.util.JsonValues;
import io.microflask.util.LogSafe;
import io.microflask.Session;
import io.microflask.Cookie;
import io.microflask.Response;
import io.microflask.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Opens the session from the request's cookie and writes it back on the response, as Flask's
 * {@code SecureCookieSessionInterface}. The whole state is in the client, signed: any instance
 * with the same secret key serves the same users. A cookie that is tampered with, malformed,
 * signed with an unknown key or expired gives an empty session (logged at debug level). The
 * cookie gets {@code Secure} on HTTPS requests, or always with {@code sessionCookieSecure(true)}.
 */
public final class SignedCookieSessions {
    private static final Logger log = LoggerFactory.getLogger(SignedCookieSessions.class);
    /** Browsers drop cookies larger than about 4 KB. */
    private static final int BROWSER_COOKIE_LIMIT = 4093;

    private final Settings settings;
    private final Clock clock;
    private volatile Keys keys;
    private volatile Supplier<String> fallbackKey;

    /** Sessions signed with the settings' secret key, read when first needed. */
    public SignedCookieSessions(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    SignedCookieSessions(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    private record Keys(String secret, List<String> previous, CookieSigner signer) {
    }

    /**
     * The key to sign with while the settings name none (debug mode's development key), read when
     * a session is first saved or a session cookie first read; {@code null} for none.
     */
    public void fallbackKey(Supplier<String> key) {
        this.fallbackKey = key;
    }

    private CookieSigner signer() {
        String secret = settings.secretKey();
        Supplier<String> fallback = fallbackKey;
        if ((secret == null || secret.isEmpty()) && fallback != null) {
            secret = fallback.get();
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("The session is unavailable because no secret key is set. Set the "
                    + "environment variable MICROFLASK_SECRET_KEY (e.g. to the output of 'openssl rand -hex 32'), "
                    + "or call app.settings().secretKey(...) before starting the app. (Where microflask cannot see "
                    + "at start that the app uses sessions, e.g. only a helper class opens them, also call "
                    + "app.settings().usesSessions(true): a production start without a key then fails at once.)");
        }
        Keys current = keys;
        if (current == null || !current.secret().equals(secret)
                || !current.previous().equals(settings.previousSecretKeys())) {
            if (secret.length() < 16) {
                log.warn("the session's secret key is only {} characters long; use at least 32 random characters "
                        + "(e.g. 'openssl rand -hex 32')", secret.length());
            }
            current = new Keys(secret, settings.previousSecretKeys(),
                    new CookieSigner(secret, settings.previousSecretKeys()));
            keys = current;
        }
        return current.signer();
    }

    /**
     * The session {@code cookie} (the session cookie's value, or {@code null} when the request had
     * none) carries, or an empty one; {@code request} names the request in logs.
     */
    public Session open(String cookie, String request) {
        if (cookie == null || cookie.isEmpty()) {
            if (fallbackKey == null) {
                signer(); // no key at all: say so at the first use, not only when a session is saved
            }
            // A development key is made only when a session is saved: reading none (the debug page) needs none.
            return Session.empty();
        }
        CookieSigner signer = signer();
        CookieSigner.Unsigned unsigned = signer.unsign(cookie, settings.sessionMaxAge().toSeconds(),
                clock.instant().getEpochSecond());
        if (!unsigned.valid()) {
            log.debug("ignoring the session cookie of {}: {}", request, LogSafe.text(unsigned.rejection()));
            return Session.empty();
        }
        Object values;
        try {
            values = JsonValues.parse(unsigned.json());
        } catch (JsonValues.MalformedJsonException e) {
            // Only a holder of the key can get here, e.g. another app sharing the key and cookie name.
            log.debug("ignoring the session cookie of {}: its payload is not valid JSON ({})", request,
                    LogSafe.text(e.getMessage()));
            return Session.empty();
        }
        if (!(values instanceof Map<?, ?> map)) {
            log.debug("ignoring the session cookie of {}: its payload is not a JSON object", request);
            return Session.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return Session.restore(typed);
    }

    /**
     * Sets or deletes the cookie on {@code response} if the session needs it; {@code hadCookie}
     * tells whether the request came with a session cookie, {@code https} whether it came over
     * HTTPS (directly or as a trusted proxy reports), which gives the cookie {@code Secure} as
     * {@code settings().sessionCookieSecure(true)} always does; {@code request} names it in logs.
     */
    public void save(Session session, Response response, boolean hadCookie, boolean https, String request) {
        boolean secure = https || settings.sessionCookieSecure();
        boolean accessed = session.accessed();
        if (accessed) {
            // The answer depends on the cookie: caches must not give one user's page to another.
            response.vary("Cookie");
        }
        Map<String, Object> values = session.asMap();
        if (values.isEmpty()) {
            if (session.modified() && hadCookie) {
                response.cookie(cookie("", secure).maxAge(java.time.Duration.ZERO));
            }
            return;
        }
        boolean refresh = session.permanent() && accessed && settings.refreshSessionEachRequest();
        if (!session.modified() && !refresh) {
            return;
        }
        String value = signer().sign(JsonValues.encode(values), clock.instant().getEpochSecond());
        if (value.length() > BROWSER_COOKIE_LIMIT) {
            log.warn("the session cookie for {} is {} bytes; browsers ignore cookies over about {} bytes, so "
                    + "the session will be lost. Keep ids in the session, not whole objects.", request,
                    value.length(), BROWSER_COOKIE_LIMIT);
        }
        Cookie cookie = cookie(value, secure);
        if (session.permanent()) {
            cookie.maxAge(settings.sessionMaxAge());
        }
        response.cookie(cookie);
    }

    private Cookie cookie(String value, boolean secure) {
        return new Cookie(settings.sessionCookieName(), value)
                .path(settings.sessionCookiePath())
                .domain(settings.sessionCookieDomain())
                .secure(secure)
                .httpOnly(settings.sessionCookieHttpOnly())
                .sameSite(settings.sessionCookieSameSite());
    }
}
