package io.microflask.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;

/**
 * The few DER encodings (ITU-T X.690) an X.509 v3 certificate is made of. Each method returns one
 * complete element: tag, length and contents.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** An element of {@code tag} holding {@code contents}. */
    static byte[] element(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    /** A constructed element of {@code tag} holding the elements in order. */
    static byte[] constructed(int tag, byte[]... elements) {
        return element(tag, concat(elements));
    }

    static byte[] sequence(byte[]... elements) {
        return constructed(SEQUENCE, elements);
    }

    static byte[] set(byte[]... elements) {
        return constructed(SET, elements);
    }

    /** {@code [n] EXPLICIT}: a context-specific constructed wrapper. */
    static byte[] explicit(int number, byte[] element) {
        return element(0xA0 | number, element);
    }

    /** {@code [n] IMPLICIT} of a primitive type: the contents under a context-specific tag. */
    static byte[] implicit(int number, byte[] contents) {
        return element(0x80 | number, contents);
    }

    static byte[] integer(BigInteger value) {
        return element(0x02, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] bool(boolean value) {
        return element(0x01, new byte[]{(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] octetString(byte[] contents) {
        return element(0x04, contents);
    }

    /** A BIT STRING of whole bytes (no unused bits): signatures. */
    static byte[] bitString(byte[] bytes) {
        byte[] contents = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, contents, 1, bytes.length);
        return element(0x03, contents);
    }

    /** A BIT STRING of {@code unusedBits} padding after {@code bytes}: named bit lists such as keyUsage. */
    static byte[] bitString(byte[] bytes, int unusedBits) {
        byte[] contents = new byte[bytes.length + 1];
        contents[0] = (byte) unusedBits;
        System.arraycopy(bytes, 0, contents, 1, bytes.length);
        return element(0x03, contents);
    }

    static byte[] utf8String(String text) {
        return element(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() < 2050) {
            return element(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return element(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** An OBJECT IDENTIFIER in dotted form, e.g. {@code "2.5.29.17"}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            writeBase128(out, Long.parseLong(parts[i]));
        }
        return element(0x06, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i > 0 ? group | 0x80 : group);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
