package io.microflask.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags (RFC 9110 8.8.3): made from content or from a file's size and modification time,
 * and compared the strong or the weak way, as {@code If-Match}, {@code If-None-Match} and
 * {@code If-Range} need.
 */
public final class EntityTags {
    private EntityTags() {
    }

    /** A strong tag from the first 96 bits of the SHA-256 of {@code bytes[offset, offset + length)}. */
    public static String ofContent(byte[] bytes, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, offset, length);
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A tag from a file's size and modification time, as nginx makes them: changes whenever either does. */
    public static String ofFile(long size, long lastModifiedMillis) {
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(lastModifiedMillis) + "\"";
    }

    /** {@code tag} made weak ({@code W/"..."}); a weak tag is returned as it is. */
    public static String weak(String tag) {
        return tag.startsWith("W/") ? tag : "W/" + tag;
    }

    /** Whether {@code tag} is weak. */
    public static boolean isWeak(String tag) {
        return tag.startsWith("W/");
    }

    /**
     * Whether a list header ({@code If-None-Match}) names {@code tag} by weak comparison, or is
     * {@code *}: the test for a 304.
     */
    public static boolean anyWeakMatch(String header, String tag) {
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || (tag != null && opaque(value).equals(opaque(tag)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a list header ({@code If-Match}) names {@code tag} by strong comparison, or is {@code *}. */
    public static boolean anyStrongMatch(String header, String tag) {
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") && tag != null) {
                return true;
            }
            if (tag != null && strongMatch(value, tag)) {
                return true;
            }
        }
        return false;
    }

    /** Strong comparison: both tags strong and equal (RFC 9110 8.8.3.2). */
    public static boolean strongMatch(String a, String b) {
        return !isWeak(a) && !isWeak(b) && a.equals(b);
    }

    private static String opaque(String tag) {
        return isWeak(tag) ? tag.substring(2) : tag;
    }
}
