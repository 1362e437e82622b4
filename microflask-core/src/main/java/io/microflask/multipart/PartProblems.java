package io.microflask.multipart;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says, in our own words, what is wrong with a multipart body that Netty's decoder refused: it
 * reads each part's headers and names the first rule a part breaks. Run only after a failure, so
 * a valid form costs nothing; linear in the body's size, whatever it holds.
 */
final class PartProblems {
    /** More header bytes than this in one part is no header block. */
    private static final int MAX_HEADER_BLOCK = 16 * 1024;
    private static final int MAX_PARTS = 1000;
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(\"([^\"]*)\"|([^;\\s]*))");
    private static final Pattern CHARSET = Pattern.compile("(?i)(?:^|;)\\s*charset\\s*=\\s*\"?([^\";\\s]*)");

    private PartProblems() {
    }

    /** The boundary named by a {@code multipart/form-data} content type, or {@code null}. */
    static String boundary(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        if (at < 0) {
            return null;
        }
        String value = contentType.substring(at + "boundary=".length());
        int end = value.indexOf(';');
        value = (end < 0 ? value : value.substring(0, end)).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
    }

    /**
     * What the first faulty part of {@code body} does wrong, e.g. "a multipart part has no name in
     * its Content-Disposition", or {@code null} when no part breaks a rule checked here.
     */
    static String describe(ByteBuf body, String boundary) {
        if (boundary == null) {
            return null;
        }
        ByteBuf delimiter = Unpooled.wrappedBuffer(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        ByteBuf rest = body.duplicate();
        int found = ByteBufUtil.indexOf(delimiter, rest);
        if (found < 0) {
            return "the body never holds the boundary its Content-Type names";
        }
        for (int parts = 0; found >= 0 && parts < MAX_PARTS; parts++) {
            int afterDelimiter = found + delimiter.readableBytes();
            if (afterDelimiter + 1 < rest.writerIndex() && rest.getByte(afterDelimiter) == '-'
                    && rest.getByte(afterDelimiter + 1) == '-') {
                return null; // the closing delimiter
            }
            int lineEnd = rest.indexOf(afterDelimiter, rest.writerIndex(), (byte) '\n');
            if (lineEnd < 0) {
                return "a multipart part ends right after its boundary, with no headers";
            }
            String problem = headerProblem(rest, lineEnd + 1);
            if (problem != null) {
                return problem;
            }
            rest.readerIndex(lineEnd + 1);
            found = ByteBufUtil.indexOf(delimiter, rest);
        }
        return null;
    }

    /** The problem of the header block that starts at {@code start}, or {@code null}. */
    private static String headerProblem(ByteBuf body, int start) {
        String disposition = null;
        String transferEncoding = null;
        String contentType = null;
        int at = start;
        int limit = Math.min(body.writerIndex(), start + MAX_HEADER_BLOCK);
        while (true) {
            int end = body.indexOf(at, limit, (byte) '\n');
            if (end < 0) {
                return "a multipart part's headers do not end with an empty line";
            }
            String line = body.toString(at, end - at, StandardCharsets.ISO_8859_1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            at = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return "a multipart part has a header line without a name and a colon";
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-disposition" -> disposition = value;
                case "content-transfer-encoding" -> transferEncoding = value;
                case "content-type" -> contentType = value;
                default -> {
                }
            }
        }
        if (disposition == null) {
            return "a multipart part has no Content-Disposition header (form-data; name=\"...\")";
        }
        if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            return "a multipart part's Content-Disposition is not form-data";
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find() || (name.group(2) != null ? name.group(2) : name.group(3)).isEmpty()) {
            return "a multipart part has no name in its Content-Disposition";
        }
        if (transferEncoding != null && !transferEncoding.equalsIgnoreCase("7bit")
                && !transferEncoding.equalsIgnoreCase("8bit") && !transferEncoding.equalsIgnoreCase("binary")) {
            return "a multipart part has a Content-Transfer-Encoding other than 7bit, 8bit or binary";
        }
        if (contentType != null) {
            Matcher charset = CHARSET.matcher(contentType);
            if (charset.find() && !isKnownCharset(charset.group(1))) {
                return "a multipart part's Content-Type names a charset this server does not know";
            }
        }
        return null;
    }

    private static boolean isKnownCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
