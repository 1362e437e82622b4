package io.microflask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing, as Werkzeug's {@code generate_password_hash} and {@code check_password_hash},
 * in Werkzeug's own format, so a Flask app's user table moves over as it is and hashes made here
 * check in Flask:
 *
 * <pre>{@code
 * String stored = Passwords.hash(password);           // pbkdf2:sha256:600000$<salt>$<hex>
 * if (Passwords.check(stored, attempt)) { ... }       // also reads Werkzeug's scrypt:N:r:p$... hashes
 * }</pre>
 *
 * <p>The format is {@code method$salt$hash}: {@code pbkdf2:<sha1|sha224|sha256|sha384|sha512>:<iterations>}
 * (the JDK's PBKDF2, the default here) or {@code scrypt:<N>:<r>:<p>} (Werkzeug 3's default, computed
 * here with the JDK's HMAC-SHA256), a salt of 16 letters and digits used as its UTF-8 bytes, and the
 * derived key in lower-case hex. Passwords are encoded as UTF-8, as Werkzeug does.
 */
public final class Passwords {
    /**
     * The PBKDF2-HMAC-SHA256 iterations {@link #hash(String)} uses: OWASP's recommendation for it
     * (Werkzeug 3.1 uses 1,000,000; any count in a stored hash is read from the hash).
     */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The method {@link #hash(String)} uses. */
    public static final String DEFAULT_METHOD = "pbkdf2:sha256:" + DEFAULT_ITERATIONS;

    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Passwords() {
    }

    /** A new hash of {@code password} with {@link #DEFAULT_METHOD} and a random salt, to store. */
    public static String hash(String password) {
        return hash(password, DEFAULT_METHOD);
    }

    /**
     * A new hash of {@code password} with a random salt and {@code method}, in Werkzeug's syntax:
     * {@code "pbkdf2"}, {@code "pbkdf2:sha512"}, {@code "pbkdf2:sha256:1000000"}, {@code "scrypt"}
     * (N 32768, r 8, p 1, as Werkzeug) or {@code "scrypt:N:r:p"}.
     *
     * @throws IllegalArgumentException when the method is not one of those
     */
    public static String hash(String password, String method) {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        return hash(password, method, salt.toString());
    }

    /** With a given salt: what Werkzeug's {@code _hash_internal} makes of the same three, for tests of the format. */
    static String hash(String password, String method, String salt) {
        Derived derived = derive(method, salt, password);
        return derived.method() + "$" + salt + "$" + HEX.formatHex(derived.key());
    }

    /**
     * Whether {@code password} is the one {@code storedHash} was made from (in constant time for a
     * given hash). A hash that is not {@code method$salt$hash} gives {@code false}, as Werkzeug.
     *
     * @throws IllegalArgumentException when the hash names a method this class does not compute
     *                                  (e.g. {@code argon2}), or parameters out of range: the stored data needs
     *                                  attention, which a plain {@code false} would hide
     */
    public static boolean check(String storedHash, String password) {
        if (storedHash == null || password == null) {
            return false;
        }
        int first = storedHash.indexOf('$');
        int second = first < 0 ? -1 : storedHash.indexOf('$', first + 1);
        if (second < 0) {
            return false;
        }
        String method = storedHash.substring(0, first);
        String salt = storedHash.substring(first + 1, second);
        byte[] expected = storedHash.substring(second + 1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = HEX.formatHex(derive(method, salt, password).key()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    private record Derived(String method, byte[] key) {
    }

    private static Derived derive(String method, String salt, String password) {
        String[] parts = method.split(":", -1);
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        try {
            switch (parts[0]) {
                case "pbkdf2" -> {
                    if (parts.length > 3) {
                        throw new IllegalArgumentException("'" + method + "': pbkdf2 takes a hash name and an "
                                + "iteration count, e.g. pbkdf2:sha256:600000");
                    }
                    String hashName = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "sha256";
                    int iterations = parts.length > 2 ? positive(parts[2], method) : DEFAULT_ITERATIONS;
                    int bits = switch (hashName) {
                        case "sha1" -> 160;
                        case "sha224" -> 224;
                        case "sha256" -> 256;
                        case "sha384" -> 384;
                        case "sha512" -> 512;
                        default -> throw new IllegalArgumentException("'" + method + "': unknown pbkdf2 hash '"
                                + hashName + "'; use sha1, sha224, sha256, sha384 or sha512");
                    };
                    return new Derived("pbkdf2:" + hashName + ":" + iterations,
                            pbkdf2("PBKDF2WithHmac" + hashName.toUpperCase(Locale.ROOT), password, saltBytes,
                                    iterations, bits));
                }
                case "scrypt" -> {
                    if (parts.length != 1 && parts.length != 4) {
                        throw new IllegalArgumentException("'" + method + "': scrypt takes N, r and p, e.g. "
                                + "scrypt:32768:8:1");
                    }
                    int n = parts.length == 4 ? positive(parts[1], method) : 1 << 15;
                    int r = parts.length == 4 ? positive(parts[2], method) : 8;
                    int p = parts.length == 4 ? positive(parts[3], method) : 1;
                    return new Derived("scrypt:" + n + ":" + r + ":" + p, Scrypt.derive(password, saltBytes, n, r, p, 64));
                }
                default -> throw new IllegalArgumentException("'" + method + "' is not a password hash method "
                        + "microflask computes; use pbkdf2[:hash[:iterations]] or scrypt[:N:r:p] (Werkzeug's methods)");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute " + method + ": " + e.getMessage(), e);
        }
    }

    private static int positive(String text, String method) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + method + "': '" + text + "' is not a positive whole number");
    }

    static byte[] pbkdf2(String algorithm, String password, byte[] salt, int iterations, int bits)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }
}
