package io.microflask.server;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Netty's response encoder with a faster way of writing the header lines: each line is laid out in
 * a scratch array this connection keeps, and the whole block is copied into the buffer at once.
 * Netty's own writes each name and value into the buffer character by character through its
 * bounds-checked accessors, the largest part of encoding a small answer in a profile (an answer
 * of microflask carries seven or eight headers). What goes on the wire is the same: a name or
 * value with a character outside US-ASCII is written by Netty's own code.
 */
final class ResponseHeadEncoder extends HttpResponseEncoder {
    private static final int MAX_SCRATCH = 16 * 1024;
    /** The header lines being laid out: kept for the connection's life, grown up to {@link #MAX_SCRATCH}. */
    private byte[] scratch = new byte[512];

    @Override
    protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
        int length = 0;
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = entries.next();
            CharSequence name = header.getKey();
            CharSequence value = header.getValue();
            int needed = length + name.length() + value.length() + 4;
            if (needed > scratch.length && !grow(needed)) {
                // A head this large is rare: write what is laid out, then this line straight into the buffer.
                buf.writeBytes(scratch, 0, length);
                length = 0;
                writeLine(buf, name, value);
                continue;
            }
            int start = length;
            length = put(scratch, length, name);
            if (length >= 0) {
                scratch[length++] = ':';
                scratch[length++] = ' ';
                length = put(scratch, length, value);
            }
            if (length < 0) {
                // Not US-ASCII: this line goes through Netty's own US-ASCII writing, which keeps a Latin-1 byte.
                buf.writeBytes(scratch, 0, start);
                length = 0;
                writeLine(buf, name, value);
                continue;
            }
            scratch[length++] = '\r';
            scratch[length++] = '\n';
        }
        buf.writeBytes(scratch, 0, length);
    }

    /** Grows the scratch array to hold {@code needed} bytes; false when that is over {@link #MAX_SCRATCH}. */
    private boolean grow(int needed) {
        if (needed > MAX_SCRATCH) {
            return false;
        }
        scratch = Arrays.copyOf(scratch, Math.min(MAX_SCRATCH, Math.max(needed, scratch.length * 2)));
        return true;
    }

    private static void writeLine(ByteBuf buf, CharSequence name, CharSequence value) {
        buf.writeCharSequence(name, StandardCharsets.US_ASCII);
        buf.writeByte(':').writeByte(' ');
        buf.writeCharSequence(value, StandardCharsets.US_ASCII);
        buf.writeByte('\r').writeByte('\n');
    }

    /**
     * Copies {@code text} into {@code into} at {@code at}; returns the index after it, or -1 when
     * {@code text} is not all US-ASCII.
     */
    private static int put(byte[] into, int at, CharSequence text) {
        int length = text.length();
        if (text instanceof AsciiString ascii) {
            System.arraycopy(ascii.array(), ascii.arrayOffset(), into, at, length);
            return at + length;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            into[at + i] = (byte) c;
        }
        return at + length;
    }
}
