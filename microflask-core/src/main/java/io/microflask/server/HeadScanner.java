package io.microflask.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Checks the raw bytes of a request head for what Netty's decoder would quietly accept but a
 * proxy in front might read differently: obsolete line folding (a header line starting with a
 * space or tab), NUL and other control bytes, a CR not followed by LF, and an LF without CR.
 * Such a head is answered 400, since two parsers that disagree on it are how requests are smuggled.
 * Bytes 0x80-0xFF (obs-text, e.g. UTF-8 in a header value) are allowed, as RFC 9110 allows them.
 */
final class HeadScanner implements ByteProcessor {
    private boolean afterLineFeed;
    private boolean afterCarriageReturn;
    private boolean sawRequestBytes;
    private String problem;

    /** Starts on a new request head. */
    void reset() {
        afterLineFeed = false;
        afterCarriageReturn = false;
        sawRequestBytes = false;
        problem = null;
    }

    /** Scans {@code length} bytes of {@code buffer} from {@code from}; they are each seen once. */
    void scan(ByteBuf buffer, int from, int length) {
        if (problem == null && length > 0) {
            buffer.forEachByte(from, length, this);
        }
    }

    /** One byte of the head; false stops the scan at the first problem. */
    @Override
    public boolean process(byte value) {
        int b = value & 0xff;
        if (b > ' ' && b != 0x7f && !afterCarriageReturn) {
            // Almost every byte of a head: visible ASCII or obs-text.
            sawRequestBytes = true;
            afterLineFeed = false;
            return true;
        }
        if (afterCarriageReturn && b != '\n') {
            problem = "a CR in the request head that does not end a line";
        } else if (b == '\n' && !afterCarriageReturn && sawRequestBytes) {
            problem = "a line in the request head that ends with LF alone instead of CRLF";
        } else if ((b == ' ' || b == '\t') && afterLineFeed && sawRequestBytes) {
            problem = "a header line that starts with whitespace (obsolete line folding is not accepted; "
                    + "send each header on one line)";
        } else if (b == 0) {
            problem = "a NUL byte in the request head";
        } else if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f) {
            problem = "the control character 0x" + Integer.toHexString(b) + " in the request head";
        }
        if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
            sawRequestBytes = true;
        }
        afterCarriageReturn = b == '\r';
        afterLineFeed = b == '\n';
        return problem == null;
    }

    /** Whether anything but blank lines has come: a head that was begun, not mere keep-alive padding. */
    boolean sawRequestBytes() {
        return sawRequestBytes;
    }

    /** What is wrong with the head, or {@code null}. */
    String problem() {
        return problem;
    }
}
