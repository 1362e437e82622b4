package io.microflask.session;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs and checks session cookies of the form {@code payload.timestamp.mac}, each part
 * base64url without padding: the payload is the session's JSON, the timestamp the signing time in
 * epoch seconds, the MAC an HMAC-SHA256 over {@code payload.timestamp}. The current key signs;
 * previous keys are accepted for reading only, so keys can be rotated without logging users out.
 *
 * <p>Reading is strict: each part must be the one canonical encoding of its bytes (only the
 * URL-safe alphabet, no padding, zero spare bits in the last character) and the timestamp plain
 * decimal digits, so a signed cookie has exactly one valid spelling and cannot be altered without
 * breaking it.
 */
final class CookieSigner {
    private static final String MAC_ALGORITHM = "HmacSHA256";
    /** Keys are derived per purpose, so a secret shared with other code never signs sessions directly. */
    private static final byte[] PURPOSE = "microflask.session.v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** The longest timestamp accepted: epoch seconds up to the year 33658. */
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    /** Far larger than any cookie a browser keeps; bounds the work done on hostile input. */
    private static final int MAX_COOKIE_LENGTH = 8192;

    private final SecretKeySpec signingKey;
    private final List<SecretKeySpec> verifyingKeys;

    CookieSigner(String secretKey, List<String> previousKeys) {
        this.signingKey = derive(secretKey);
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(signingKey);
        for (String previous : previousKeys) {
            keys.add(derive(previous));
        }
        this.verifyingKeys = List.copyOf(keys);
    }

    private static SecretKeySpec derive(String secret) {
        byte[] derived = hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM), PURPOSE);
        return new SecretKeySpec(derived, MAC_ALGORITHM);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + MAC_ALGORITHM, e);
        }
    }

    /** The cookie value for {@code json} signed at {@code epochSeconds}. */
    String sign(String json, long epochSeconds) {
        String signed = ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(Long.toString(epochSeconds).getBytes(StandardCharsets.US_ASCII));
        byte[] mac = hmac(signingKey, signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + ENCODER.encodeToString(mac);
    }

    /** What checking a cookie found: the JSON, or why it was rejected. */
    record Unsigned(String json, String rejection) {
        static Unsigned rejected(String why) {
            return new Unsigned(null, why);
        }

        boolean valid() {
            return json != null;
        }
    }

    /** Checks the MAC with every key and the age against {@code maxAgeSeconds}. */
    Unsigned unsign(String cookie, long maxAgeSeconds, long nowEpochSeconds) {
        if (cookie.length() > MAX_COOKIE_LENGTH) {
            return Unsigned.rejected("longer than " + MAX_COOKIE_LENGTH + " characters");
        }
        int lastDot = cookie.lastIndexOf('.');
        int timeDot = lastDot < 0 ? -1 : cookie.lastIndexOf('.', lastDot - 1);
        if (timeDot <= 0 || cookie.indexOf('.') != timeDot) {
            return Unsigned.rejected("not of the form payload.timestamp.signature");
        }
        String macPart = cookie.substring(lastDot + 1);
        String payloadPart = cookie.substring(0, timeDot);
        String timePart = cookie.substring(timeDot + 1, lastDot);
        String problem = notCanonical("signature", macPart);
        if (problem == null) {
            problem = notCanonical("payload", payloadPart);
        }
        if (problem == null) {
            problem = notCanonical("timestamp", timePart);
        }
        if (problem != null) {
            return Unsigned.rejected(problem);
        }
        byte[] givenMac = DECODER.decode(macPart);
        byte[] payload = DECODER.decode(payloadPart);
        String timeDigits = new String(DECODER.decode(timePart), StandardCharsets.US_ASCII);
        if (!isCanonicalDecimal(timeDigits)) {
            return Unsigned.rejected("the timestamp is not plain decimal epoch seconds");
        }
        long timestamp = Long.parseLong(timeDigits);
        byte[] signed = cookie.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (SecretKeySpec key : verifyingKeys) {
            // Constant-time comparison: timing must not tell an attacker how much of a forged MAC is right.
            if (MessageDigest.isEqual(hmac(key, signed), givenMac)) {
                matches = true;
                break;
            }
        }
        if (!matches) {
            return Unsigned.rejected("the signature does not match (tampered, or signed with an unknown key)");
        }
        if (nowEpochSeconds - timestamp > maxAgeSeconds) {
            return Unsigned.rejected("expired: signed " + (nowEpochSeconds - timestamp) + " s ago, max age "
                    + maxAgeSeconds + " s");
        }
        return new Unsigned(new String(payload, StandardCharsets.UTF_8), null);
    }

    /**
     * Why {@code part} is not the canonical unpadded base64url encoding of some bytes, or
     * {@code null} when it is. The JDK's decoder accepts padding and ignores the spare low bits of
     * the last character, which would give each value several spellings.
     */
    static String notCanonical(String name, String part) {
        if (part.isEmpty()) {
            return "the " + name + " is empty";
        }
        for (int i = 0; i < part.length(); i++) {
            if (sextet(part.charAt(i)) < 0) {
                char c = part.charAt(i);
                return "the " + name + " has " + (c == '=' ? "padding ('=')" : "a character outside base64url ("
                        + (c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c)) + ")")
                        + " at position " + i;
            }
        }
        int spareBits = switch (part.length() % 4) {
            case 1 -> -1;
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        if (spareBits < 0) {
            return "the " + name + " has a length (" + part.length() + ") no base64 encoding has";
        }
        int last = sextet(part.charAt(part.length() - 1));
        if ((last & ((1 << spareBits) - 1)) != 0) {
            return "the " + name + " is not canonical base64url: its last character has non-zero spare bits";
        }
        return null;
    }

    /** The 6-bit value of a base64url character, or -1 for any other character. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }

    /** Digits only, no sign, no leading zero: the one way {@code Long.toString} writes a non-negative value. */
    private static boolean isCanonicalDecimal(String text) {
        if (text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS || (text.charAt(0) == '0' && text.length() > 1)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
