package io.microflask.security;

import io.microflask.CsrfExempt;
import io.microflask.CsrfException;
import io.microflask.Request;
import io.microflask.Session;
import io.microflask.Settings;
import io.microflask.util.Origins;

import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Cross-site request forgery protection: which requests are checked, the check, and the
 * per-session token. The rules are {@link Settings#csrfProtection()}'s; this class applies them.
 *
 * <p>The token's secret (32 random bytes) is kept in the session under {@value #SESSION_KEY}.
 * What pages get is masked: 32 fresh random bytes followed by them XORed with the secret, in
 * base64url, so that the secret never appears twice in a compressed page (BREACH) while every
 * masked form of it is valid.
 */
public final class CsrfProtection {
    /** The session key of the token's secret. */
    public static final String SESSION_KEY = "_csrf_token";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CsrfProtection() {
    }

    /**
     * Whether a request with this method, {@code Content-Type} and {@code Authorization} header
     * is checked at all: an unsafe method with a body a browser sends cross-site without a CORS
     * preflight, and no bearer token (which browsers never attach by themselves).
     */
    public static boolean needsCheck(String method, String contentType, String authorization) {
        switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> {
                return false;
            }
            default -> {
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        if (contentType == null || contentType.isBlank()) {
            // fetch(url, {method: "POST", mode: "no-cors"}) sends no Content-Type; other methods need a preflight.
            return method.equals("POST");
        }
        String type = mediaType(contentType);
        return type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data")
                || type.equals("text/plain");
    }

    /** Whether the route's method or its class is marked {@link CsrfExempt}. */
    public static boolean exempt(Method handler) {
        return handler.isAnnotationPresent(CsrfExempt.class)
                || handler.getDeclaringClass().isAnnotationPresent(CsrfExempt.class);
    }

    /**
     * Checks a request routed to {@code handler}, as {@link Settings#csrfProtection()} describes;
     * {@code originTrustedByCors} says the CORS policy of its path allows its origin with
     * credentials (that origin may act as the user anyway).
     *
     * @throws CsrfException saying what was wrong and how to send the request instead
     */
    public static void check(Request request, Method handler, boolean originTrustedByCors) {
        Settings settings = request.settings();
        if (!settings.csrfProtection()
                || !needsCheck(request.method(), request.contentType(), request.header("Authorization"))
                || exempt(handler)) {
            return;
        }
        String origin = request.header("Origin");
        String normalOrigin = Origins.normalize(origin);
        if (originTrustedByCors || (normalOrigin != null && settings.csrfTrustedOrigins().contains(normalOrigin))) {
            return;
        }
        String site = request.header("Sec-Fetch-Site");
        if (site != null) {
            String lower = site.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("same-origin") || lower.equals("none")) {
                return; // the browser itself says this site's page (or the user) sent it
            }
            throw crossOrigin(request, origin, "Sec-Fetch-Site: " + site);
        }
        if (origin != null && !isOwnOrigin(request, normalOrigin)) {
            throw crossOrigin(request, origin, null);
        }
        checkToken(request);
    }

    private static boolean isOwnOrigin(Request request, String normalOrigin) {
        return normalOrigin != null && normalOrigin.equals(Origins.of(request.scheme(), request.host()));
    }

    private static CsrfException crossOrigin(Request request, String origin, String fetchSite) {
        String from = origin != null ? "from " + origin : "from another site (" + fetchSite + ")";
        return new CsrfException(CsrfException.Reason.CROSS_ORIGIN, "CSRF check failed: this " + request.method()
                + " came " + from + ", not from " + request.baseUrl() + ", and was refused. To accept forms from "
                + "that site, add its origin with settings().csrfTrustedOrigins(...). Behind a proxy that rewrites "
                + "the host or scheme, trust it with settings().trustedProxies(...) so that this app knows its own "
                + "origin.");
    }

    private static void checkToken(Request request) {
        String sent = request.header(Request.CSRF_HEADER);
        String where = Request.CSRF_HEADER + " header";
        if (sent == null && hasFormBody(request.contentType())) {
            sent = request.form(Request.CSRF_FIELD);
            where = Request.CSRF_FIELD + " form field";
        }
        if (sent == null || sent.isEmpty()) {
            throw new CsrfException(CsrfException.Reason.MISSING_TOKEN, "CSRF check failed: the CSRF token is "
                    + "missing. A form that sends " + request.method() + " to " + request.path()
                    + " needs the hidden field " + Request.CSRF_FIELD + " ({{{csrf_field}}} in a microflask-render "
                    + "template, or the value of request.csrfToken()); a script sends the token in the "
                    + Request.CSRF_HEADER + " header. A route that browsers never send forms to can be marked "
                    + "@CsrfExempt.");
        }
        byte[] secret = secret(request.session());
        if (secret == null || !matches(sent, secret)) {
            throw new CsrfException(CsrfException.Reason.INVALID_TOKEN, "CSRF check failed: the CSRF token in the "
                    + where + " does not belong to this session (the session expired or ended, or the page was "
                    + "loaded before a login). Load the page again and resend the form.");
        }
    }

    private static boolean hasFormBody(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = mediaType(contentType);
        return type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** A freshly masked token for {@code session}, storing a new secret in it first when it has none. */
    public static String token(Session session) {
        byte[] secret = secret(session);
        if (secret == null) {
            secret = new byte[SECRET_BYTES];
            RANDOM.nextBytes(secret);
            session.put(SESSION_KEY, ENCODER.encodeToString(secret));
        }
        return mask(secret);
    }

    /** A freshly masked token if {@code session} holds a secret (a page issued one), else {@code null}. */
    public static String existingToken(Session session) {
        byte[] secret = secret(session);
        return secret == null ? null : mask(secret);
    }

    private static String mask(byte[] secret) {
        byte[] masked = new byte[SECRET_BYTES * 2];
        byte[] pad = new byte[SECRET_BYTES];
        RANDOM.nextBytes(pad);
        for (int i = 0; i < SECRET_BYTES; i++) {
            masked[i] = pad[i];
            masked[SECRET_BYTES + i] = (byte) (pad[i] ^ secret[i]);
        }
        return ENCODER.encodeToString(masked);
    }

    private static byte[] secret(Session session) {
        String stored = session.getString(SESSION_KEY);
        if (stored == null) {
            return null;
        }
        byte[] secret = decode(stored);
        return secret != null && secret.length == SECRET_BYTES ? secret : null;
    }

    private static boolean matches(String token, byte[] secret) {
        byte[] masked = decode(token.trim());
        if (masked == null || masked.length != SECRET_BYTES * 2) {
            return false;
        }
        byte[] unmasked = new byte[SECRET_BYTES];
        for (int i = 0; i < SECRET_BYTES; i++) {
            unmasked[i] = (byte) (masked[i] ^ masked[SECRET_BYTES + i]);
        }
        return MessageDigest.isEqual(unmasked, secret);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
