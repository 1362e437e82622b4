package io.microflask;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} header, parsed (Werkzeug's {@code request.authorization}):
 * {@code Basic} gives {@link #username()} and {@link #password()} (RFC 7617, UTF-8),
 * {@code Bearer} gives {@link #token()} (RFC 6750); any other scheme keeps its
 * {@link #credentials()} as sent. Get it with {@link Request#authorization()}.
 */
public final class Authorization {
    /** RFC 7235's token68: what Bearer tokens (and Basic's base64) are made of. */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final String scheme;
    private final String credentials;
    private final String username;
    private final String password;

    private Authorization(String scheme, String credentials, String username, String password) {
        this.scheme = scheme;
        this.credentials = credentials;
        this.username = username;
        this.password = password;
    }

    /**
     * The header's value parsed, or {@code null} when it is absent, blank or malformed (a Basic
     * value that is not base64 of UTF-8 {@code user:password}, a Bearer token with characters a
     * token may not hold).
     */
    public static Authorization parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        String credentials = space < 0 ? "" : trimmed.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(credentials);
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return TOKEN68.matcher(credentials).matches() ? new Authorization("Bearer", credentials, null, null) : null;
        }
        return new Authorization(scheme, credentials, null, null);
    }

    private static Authorization basic(String credentials) {
        if (!TOKEN68.matcher(credentials).matches()) {
            return null;
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(credentials);
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new Authorization("Basic", credentials, decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The scheme as sent, {@code "Basic"} and {@code "Bearer"} in that spelling, e.g. {@code "Digest"}. */
    public String scheme() {
        return scheme;
    }

    /** Everything after the scheme, as sent (for Basic still base64). */
    public String credentials() {
        return credentials;
    }

    /** Whether the scheme is {@code Basic} (case-insensitively). */
    public boolean isBasic() {
        return scheme.equals("Basic");
    }

    /** Whether the scheme is {@code Bearer} (case-insensitively). */
    public boolean isBearer() {
        return scheme.equals("Bearer");
    }

    /** Basic's user name, or {@code null} for another scheme. */
    public String username() {
        return username;
    }

    /** Basic's password (may be empty), or {@code null} for another scheme. */
    public String password() {
        return password;
    }

    /** Bearer's token, or {@code null} for another scheme. */
    public String token() {
        return isBearer() ? credentials : null;
    }

    /** The scheme only: credentials never go into logs. */
    @Override
    public String toString() {
        return "Authorization[" + scheme.toLowerCase(Locale.ROOT) + (username != null ? " user=" + username : "") + "]";
    }
}
