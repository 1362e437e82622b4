package io.microflask.dispatch;

import io.microflask.Cookie;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.util.ByteRanges;
import io.microflask.util.EntityTags;
import io.microflask.util.HttpDates;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Conditional and partial answers, for every response, as the last step of a request: a file
 * body gets {@code ETag}, {@code Last-Modified} and {@code Accept-Ranges} from the file; then
 * {@code If-Match}/{@code If-Unmodified-Since} (412, on GET and HEAD), {@code If-None-Match}/{@code If-Modified-Since}
 * (304) and {@code Range} with {@code If-Range} (206, {@code multipart/byteranges} for several
 * ranges, 416) are answered for any 200 whose validators say so. Static files, {@code Response.file}
 * and dynamic bodies with {@code Response.etag()} all come through here, so the rules live once.
 * A body is partial only when the response says {@code Accept-Ranges: bytes} (file bodies do by
 * themselves); streamed bodies are left alone.
 */
final class ConditionalResponses {
    private static final int COPY_CHUNK = 64 * 1024;

    private ConditionalResponses() {
    }

    /** The answer to {@code request}: {@code response} itself, changed in place, or a new streamed one. */
    static Response apply(Request request, Response response) {
        if (response.status() != 200 || response.streamingBody() != null) {
            return response;
        }
        long size;
        Response.FileBody file = response.bodyFile();
        if (file != null) {
            size = describeFile(response, file);
            if (size < 0) {
                return response; // unreadable: the writer reports it
            }
        } else {
            size = response.bodyBuffer().readableBytes();
        }
        String method = request.method();
        boolean safe = method.equals("GET") || method.equals("HEAD");
        String etag = response.header("ETag");
        long modifiedSeconds = HttpDates.parseSeconds(response.header("Last-Modified"));
        // On other methods the handler has acted already: preconditions there are the handler's to check.
        if (safe && preconditionFailed(request, etag, modifiedSeconds)) {
            return replaced(response, 412, "The resource changed since the version the request names (If-Match or "
                    + "If-Unmodified-Since); fetch it again and retry.");
        }
        if (safe && notModified(request, etag, modifiedSeconds)) {
            response.body(Unpooled.EMPTY_BUFFER);
            response.status(304);
            response.headers().remove("Content-Type");
            response.headers().remove("Content-Length");
            return response;
        }
        String range = request.header("Range");
        if (range == null || !method.equals("GET") || !"bytes".equalsIgnoreCase(response.header("Accept-Ranges"))
                || !rangeStillApplies(request.header("If-Range"), etag, response.header("Last-Modified"))) {
            return response;
        }
        ByteRanges.Outcome outcome = ByteRanges.parse(range, size);
        if (outcome instanceof ByteRanges.Unsatisfiable) {
            return replaced(response, 416, "The requested range is not within the body's " + size + " bytes.")
                    .header("Content-Range", "bytes */" + size);
        }
        if (!(outcome instanceof ByteRanges.Ranges wanted)) {
            return response;
        }
        List<ByteRanges.Range> ranges = wanted.ranges();
        if (ranges.size() == 1) {
            ByteRanges.Range only = ranges.get(0);
            if (file != null) {
                response.bodyFile(file.path(), file.offset() + only.first(), only.length());
            } else {
                ByteBuf whole = response.bodyBuffer();
                response.body(whole.retainedSlice(whole.readerIndex() + (int) only.first(), (int) only.length()));
            }
            return response.status(206).header("Content-Range", contentRange(only, size));
        }
        return multipart(response, ranges, size, file);
    }

    /** Fills in a file's validators (the handler's own win); the length of the body, or -1. */
    private static long describeFile(Response response, Response.FileBody file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
        } catch (IOException e) {
            return -1;
        }
        long modified = attributes.lastModifiedTime().toMillis();
        long size = file.length() >= 0 ? file.length() : attributes.size() - file.offset();
        if (response.header("ETag") == null) {
            String tag = EntityTags.ofFile(attributes.size(), modified);
            if (file.offset() != 0 || size != attributes.size()) {
                // A region is another representation than the whole file.
                tag = tag.substring(0, tag.length() - 1) + "-" + Long.toHexString(file.offset()) + "-"
                        + Long.toHexString(size) + "\"";
            }
            response.header("ETag", tag);
        }
        if (response.header("Last-Modified") == null && modified > 0) {
            response.header("Last-Modified", HttpDates.format(modified));
        }
        if (response.header("Accept-Ranges") == null) {
            response.header("Accept-Ranges", "bytes");
        }
        return size;
    }

    /** RFC 9110 13.2.2 step 1 and 2: If-Match, else If-Unmodified-Since. */
    private static boolean preconditionFailed(Request request, String etag, long modifiedSeconds) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            return !EntityTags.anyStrongMatch(ifMatch, etag);
        }
        long since = HttpDates.parseSeconds(request.header("If-Unmodified-Since"));
        return since >= 0 && modifiedSeconds >= 0 && modifiedSeconds > since;
    }

    /** RFC 9110 13.2.2 step 3 and 4: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(Request request, String etag, long modifiedSeconds) {
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return EntityTags.anyWeakMatch(ifNoneMatch, etag);
        }
        long since = HttpDates.parseSeconds(request.header("If-Modified-Since"));
        return since >= 0 && modifiedSeconds > 0 && modifiedSeconds <= since;
    }

    /** An If-Range that names another version (or a weak tag) means "send it all" (RFC 9110 13.1.5). */
    private static boolean rangeStillApplies(String ifRange, String etag, String lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return etag != null && EntityTags.strongMatch(value, etag);
        }
        return lastModified != null && value.equals(lastModified);
    }

    private static String contentRange(ByteRanges.Range range, long size) {
        return "bytes " + range.first() + "-" + range.last() + "/" + size;
    }

    /** The same response as a short plain-text answer with another status (its validators kept). */
    private static Response replaced(Response response, int status, String text) {
        response.headers().remove("Content-Disposition");
        return response.status(status).contentType(Response.TEXT_UTF8).body(text);
    }

    /**
     * Several ranges, as {@code multipart/byteranges} (RFC 9110 14.6): in memory for an in-memory
     * body (never larger than it plus part headers, ranges being disjoint), streamed from the file
     * for a file body.
     */
    private static Response multipart(Response response, List<ByteRanges.Range> ranges, long size,
                                      Response.FileBody file) {
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String type = response.contentType() == null ? Response.OCTET_STREAM : response.contentType();
        String[] heads = new String[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            heads[i] = "\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: "
                    + contentRange(ranges.get(i), size) + "\r\n\r\n";
        }
        String end = "\r\n--" + boundary + "--\r\n";
        String multipartType = "multipart/byteranges; boundary=" + boundary;
        if (file == null) {
            ByteBuf whole = response.bodyBuffer();
            CompositeByteBuf parts = Unpooled.compositeBuffer(ranges.size() * 2 + 1);
            for (int i = 0; i < ranges.size(); i++) {
                ByteRanges.Range range = ranges.get(i);
                parts.addComponent(true, Unpooled.copiedBuffer(heads[i], StandardCharsets.ISO_8859_1));
                parts.addComponent(true, whole.retainedSlice(whole.readerIndex() + (int) range.first(),
                        (int) range.length()));
            }
            parts.addComponent(true, Unpooled.copiedBuffer(end, StandardCharsets.ISO_8859_1));
            return response.body(parts).status(206).contentType(multipartType);
        }
        Response streamed = Response.stream(multipartType, out -> {
            try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(COPY_CHUNK);
                for (int i = 0; i < ranges.size(); i++) {
                    out.write(heads[i].getBytes(StandardCharsets.ISO_8859_1));
                    ByteRanges.Range range = ranges.get(i);
                    long position = file.offset() + range.first();
                    long left = range.length();
                    while (left > 0) {
                        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                        int read = channel.read(buffer, position);
                        if (read < 0) {
                            throw new IOException(file.path() + " became shorter while it was sent");
                        }
                        out.write(java.util.Arrays.copyOf(buffer.array(), read));
                        position += read;
                        left -= read;
                    }
                }
                out.write(end.getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        for (Map.Entry<String, String> header : response.headers()) {
            if (!header.getKey().equalsIgnoreCase("Content-Type") && !header.getKey().equalsIgnoreCase("Content-Length")) {
                streamed.headers().add(header.getKey(), header.getValue());
            }
        }
        for (Cookie cookie : response.cookies()) {
            streamed.cookie(cookie);
        }
        response.releaseBody();
        return streamed.status(206);
    }
}
