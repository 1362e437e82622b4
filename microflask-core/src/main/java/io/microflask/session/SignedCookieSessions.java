package io.microflask.session;

import io.microflask.Cookie;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Opens the session from the request's cookie and writes it back on the response, as Flask's
 * {@code SecureCookieSessionInterface}. The whole state is in the client, signed: any instance
 * with the same secret key serves the same users. A cookie that is tampered with, malformed,
 * signed with an unknown key or expired gives an empty session (logged at debug level).
 */
public final class SignedCookieSessions {
    /** The environment variable read when the settings have no secret key. */
    public static final String SECRET_KEY_VARIABLE = "MICROFLASK_SECRET_KEY";
    private static final Logger log = LoggerFactory.getLogger(SignedCookieSessions.class);
    /** Browsers drop cookies larger than about 4 KB. */
    private static final int BROWSER_COOKIE_LIMIT = 4093;

    private final Settings settings;
    private final Clock clock;
    private volatile Keys keys;

    public SignedCookieSessions(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    SignedCookieSessions(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    private record Keys(String secret, List<String> previous, CookieSigner signer) {
    }

    private CookieSigner signer() {
        String secret = settings.secretKey();
        if (secret == null) {
            secret = System.getenv(SECRET_KEY_VARIABLE);
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("The session is unavailable because no secret key is set. Set the "
                    + "environment variable " + SECRET_KEY_VARIABLE + " (e.g. to the output of 'openssl rand -hex 32'), "
                    + "or call app.settings().secretKey(...) before starting the app.");
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

    /** The session the request's cookie carries, or an empty one. */
    public Session open(Request request) {
        CookieSigner signer = signer();
        String cookie = request.cookie(settings.sessionCookieName());
        if (cookie == null || cookie.isEmpty()) {
            return Session.empty();
        }
        CookieSigner.Unsigned unsigned = signer.unsign(cookie, settings.sessionMaxAge().toSeconds(),
                clock.instant().getEpochSecond());
        if (!unsigned.valid()) {
            log.debug("ignoring the session cookie of {} {}: {}", request.method(), request.path(),
                    unsigned.rejection());
            return Session.empty();
        }
        Object values;
        try {
            values = SessionJson.parse(unsigned.json());
        } catch (SessionJson.MalformedJsonException e) {
            // Only a holder of the key can get here, e.g. another app sharing the key and cookie name.
            log.debug("ignoring the session cookie of {} {}: its payload is not valid JSON ({})", request.method(),
                    request.path(), e.getMessage());
            return Session.empty();
        }
        if (!(values instanceof Map<?, ?> map)) {
            log.debug("ignoring the session cookie of {} {}: its payload is not a JSON object", request.method(),
                    request.path());
            return Session.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return new Session(typed, true);
    }

    /** Sets or deletes the cookie on {@code response} if the session needs it. */
    public void save(Request request, Session session, Response response) {
        if (session.accessed()) {
            // The answer depends on the cookie: caches must not give one user's page to another.
            String vary = response.header("Vary");
            if (vary == null) {
                response.header("Vary", "Cookie");
            } else if (!vary.toLowerCase(java.util.Locale.ROOT).contains("cookie")) {
                response.header("Vary", vary + ", Cookie");
            }
        }
        Map<String, Object> values = session.values();
        if (values.isEmpty()) {
            if (session.modified() && request.cookie(settings.sessionCookieName()) != null) {
                response.cookie(cookie("").maxAge(java.time.Duration.ZERO));
            }
            return;
        }
        boolean refresh = session.permanent() && session.accessed() && settings.refreshSessionEachRequest();
        if (!session.modified() && !refresh) {
            return;
        }
        String value = signer().sign(SessionJson.encode(values), clock.instant().getEpochSecond());
        if (value.length() > BROWSER_COOKIE_LIMIT) {
            log.warn("the session cookie for {} {} is {} bytes; browsers ignore cookies over about {} bytes, so "
                    + "the session will be lost. Keep ids in the session, not whole objects.", request.method(),
                    request.path(), value.length(), BROWSER_COOKIE_LIMIT);
        }
        Cookie cookie = cookie(value);
        if (session.permanent()) {
            cookie.maxAge(settings.sessionMaxAge());
        }
        response.cookie(cookie);
    }

    private Cookie cookie(String value) {
        return new Cookie(settings.sessionCookieName(), value)
                .path(settings.sessionCookiePath())
                .domain(settings.sessionCookieDomain())
                .secure(settings.sessionCookieSecure())
                .httpOnly(settings.sessionCookieHttpOnly())
                .sameSite(settings.sessionCookieSameSite());
    }
}
