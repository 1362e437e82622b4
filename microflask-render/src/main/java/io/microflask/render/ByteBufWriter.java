package io.microflask.render;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.io.Writer;
import java.nio.CharBuffer;

/**
 * A {@link Writer} that encodes UTF-8 straight into a Netty buffer: a template renders into the
 * response body with no intermediate {@code String}, {@code byte[]} or encoder buffer, and
 * without the per-call lock of {@link java.io.OutputStreamWriter}.
 *
 * <p>A surrogate pair split across two writes is joined before it is encoded.
 */
final class ByteBufWriter extends Writer {
    private final ByteBuf buffer;
    private char pendingHighSurrogate;

    ByteBufWriter(ByteBuf buffer) {
        this.buffer = buffer;
    }

    @Override
    public void write(int c) {
        char ch = (char) c;
        if (pendingHighSurrogate == 0 && ch < 0x80) {
            buffer.writeByte(ch);
        } else {
            encode(String.valueOf(ch), 0, 1);
        }
    }

    /**
     * The hot path: Mustache writes template text and escaped values as {@code char[]} runs, mostly
     * ASCII, which is copied byte for byte; the rest goes through Netty's UTF-8 encoder.
     */
    @Override
    public void write(char[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (pendingHighSurrogate == 0) {
            buffer.ensureWritable(length);
            int index = buffer.writerIndex();
            while (i < end && chars[i] < 0x80) {
                buffer.setByte(index++, chars[i++]);
            }
            buffer.writerIndex(index);
        }
        if (i < end) {
            encode(CharBuffer.wrap(chars, i, end - i), 0, end - i);
        }
    }

    @Override
    public void write(String text, int offset, int length) {
        encode(text, offset, offset + length);
    }

    @Override
    public void write(String text) {
        encode(text, 0, text.length());
    }

    @Override
    public Writer append(char c) {
        write(c);
        return this;
    }

    @Override
    public Writer append(CharSequence text) {
        CharSequence chars = text == null ? "null" : text;
        encode(chars, 0, chars.length());
        return this;
    }

    @Override
    public Writer append(CharSequence text, int start, int end) {
        encode(text == null ? "null" : text, start, end);
        return this;
    }

    private void encode(CharSequence text, int start, int end) {
        if (start >= end) {
            return;
        }
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(text.charAt(start))) {
                ByteBufUtil.writeUtf8(buffer, new String(new char[] {high, text.charAt(start)}));
                start++;
            } else {
                buffer.writeByte('?'); // a lone surrogate, encoded as Netty and the JDK do
            }
        }
        if (start < end && Character.isHighSurrogate(text.charAt(end - 1))) {
            pendingHighSurrogate = text.charAt(end - 1);
            end--;
        }
        if (start < end) {
            ByteBufUtil.writeUtf8(buffer, text, start, end);
        }
    }

    @Override
    public void flush() {
        // Nothing is buffered here but a possible half of a surrogate pair, which must wait for its other half.
    }

    @Override
    public void close() {
        if (pendingHighSurrogate != 0) {
            pendingHighSurrogate = 0;
            buffer.writeByte('?');
        }
    }
}
