package io.microflask.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding and -decoding of path segments (RFC 3986), strict about malformed input. */
public final class PathEncoding {
    private PathEncoding() {
    }

    /** Thrown for a malformed escape such as {@code %zz} or {@code %e9} alone (not UTF-8). */
    public static final class MalformedPathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedPathException(String message) {
            super(message);
        }
    }

    /** Percent-decodes one path segment as UTF-8; bad encoding is a {@link MalformedPathException}. */
    public static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new MalformedPathException("incomplete percent-escape in path segment '" + segment + "'");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedPathException("invalid percent-escape in path segment '" + segment + "'");
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        byte[] bytes = out.toByteArray();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedPathException("path segment '" + segment + "' is not valid UTF-8 once decoded");
        }
    }

    private static final String UNRESERVED_AND_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@";

    /** Percent-encodes one path segment for a URL (a slash inside it is encoded too). */
    public static String encodeSegment(String segment) {
        StringBuilder sb = null;
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = b < 0x80 && UNRESERVED_AND_SAFE.indexOf(b) >= 0;
            if (!safe && sb == null) {
                sb = new StringBuilder(bytes.length + 16);
                sb.append(new String(bytes, 0, i, StandardCharsets.US_ASCII));
            }
            if (sb != null) {
                if (safe) {
                    sb.append((char) b);
                } else {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return sb == null ? segment : sb.toString();
    }

    /** Encodes a query-string key or value (spaces as %20). */
    public static String encodeQueryComponent(String text) {
        String encoded = java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
        return encoded.replace("+", "%20");
    }
}
