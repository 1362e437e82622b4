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
 */
final class CookieSigner {
    private static final String MAC_ALGORITHM = "HmacSHA256";
    /** Keys are derived per purpose, so a secret shared with other code never signs sessions directly. */
    private static final byte[] PURPOSE = "microflask.session.v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
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
        byte[] givenMac;
        byte[] payload;
        long timestamp;
        try {
            givenMac = DECODER.decode(cookie.substring(lastDot + 1));
            payload = DECODER.decode(cookie.substring(0, timeDot));
            timestamp = Long.parseLong(new String(DECODER.decode(cookie.substring(timeDot + 1, lastDot)),
                    StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Unsigned.rejected("not valid base64url: " + e.getMessage());
        }
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
}
