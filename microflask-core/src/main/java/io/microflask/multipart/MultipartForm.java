package io.microflask.multipart;

import io.microflask.UploadedFile;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.microflask.HttpException;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A decoded {@code multipart/form-data} body: its text fields and its files. The request decodes
 * it on first use ({@code request.form(...)}, {@code request.file(...)}) and closes it when the
 * request ends, which deletes the temporary files. Like Werkzeug's form parser it is given the
 * body, its content type, charset and limits, never the request. The body is read as a stream,
 * a chunk at a time, into Netty's decoder, which writes each file above the memory threshold to
 * its own temporary file: memory stays bounded by the limits, whatever the body's size.
 */
public final class MultipartForm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultipartForm.class);
    private static final int CHUNK = 64 * 1024;
    /** How much of a refused body {@link PartProblems} reads to say what is wrong with it. */
    private static final int DESCRIBED_BYTES = 1 << 20;

    private final HttpPostRequestDecoder decoder;
    private final Map<String, List<String>> fields;
    private final Map<String, List<UploadedFile>> files;

    private MultipartForm(HttpPostRequestDecoder decoder, Map<String, List<String>> fields,
                          Map<String, List<UploadedFile>> files) {
        this.decoder = decoder;
        this.fields = fields;
        this.files = files;
    }

    /** Where a body is read from; opened once to decode it, and again only to describe a refused one. */
    @FunctionalInterface
    public interface Source {
        /** A new stream over the whole body. */
        InputStream open() throws IOException;
    }

    /**
     * How much a form may hold and where large files go.
     *
     * @param maxFileSize       the largest file accepted, in bytes (more is a 413)
     * @param memoryThreshold   files (and fields) up to this size stay in memory, larger ones go to a temporary file
     * @param uploadDirectory   where temporary files go, or {@code null} for the system's temporary directory
     * @param maxFormMemorySize the most bytes of text fields together (more is a 413)
     * @param maxParts          the most parts, fields and files together (more is a 413)
     */
    public record Limits(long maxFileSize, long memoryThreshold, Path uploadDirectory, long maxFormMemorySize,
                         int maxParts) {
    }

    /** Whether a body of this content type (may be {@code null}) is {@code multipart/form-data}. */
    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * Decodes a {@code multipart/form-data} body read from {@code body}. A malformed body is a 400;
     * a file over {@link Limits#maxFileSize()}, too many parts or too many field bytes is a 413.
     */
    public static MultipartForm decode(Source body, String contentType, Charset charset, Limits limits) {
        if (!contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
            // Netty would quietly read such a body as url-encoded fields.
            throw new HttpException(400, "The multipart form has no boundary in its Content-Type header.");
        }
        DefaultHttpDataFactory factory = new DefaultHttpDataFactory(limits.memoryThreshold(), charset);
        // Netty's delete-on-exit hook keeps every file name until the JVM exits; files are deleted per request instead.
        factory.setDeleteOnExit(false);
        if (limits.uploadDirectory() != null) {
            factory.setBaseDir(limits.uploadDirectory().toString());
        }
        factory.setMaxLimit(limits.maxFileSize());
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostRequestDecoder decoder;
        try {
            // What the decoder may buffer while it looks for a part's end: a field, or a file's unwritten tail.
            int buffered = (int) Math.min(Integer.MAX_VALUE - 8, limits.maxFormMemorySize() + 4L * CHUNK);
            decoder = new HttpPostRequestDecoder(factory, head, charset, limits.maxParts(), buffered);
            decoder.setDiscardThreshold(4 * CHUNK);
        } catch (RuntimeException e) {
            factory.cleanAllHttpData();
            throw rejection(e, limits, body, contentType);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, List<UploadedFile>> files = new LinkedHashMap<>();
        long[] fieldBytes = {0};
        try (InputStream in = body.open()) {
            byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                if (read > 0) {
                    decoder.offer(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, read)));
                    take(decoder, fields, files, fieldBytes, limits);
                }
            }
            decoder.offer(LastHttpContent.EMPTY_LAST_CONTENT);
            take(decoder, fields, files, fieldBytes, limits);
            if (decoder.currentPartialHttpData() != null) {
                throw new HttpException(400, "The multipart form is incomplete: a part has no closing boundary.");
            }
            fields.replaceAll((k, v) -> List.copyOf(v));
            files.replaceAll((k, v) -> List.copyOf(v));
            return new MultipartForm(decoder, Collections.unmodifiableMap(fields), Collections.unmodifiableMap(files));
        } catch (HttpException e) {
            decoder.destroy();
            throw e;
        } catch (IOException e) {
            decoder.destroy();
            throw malformed(e, body, contentType);
        } catch (RuntimeException e) {
            decoder.destroy();
            throw rejection(e, limits, body, contentType);
        }
    }

    /** Takes the parts decoded so far, checking the field bytes as they come. */
    private static void take(HttpPostRequestDecoder decoder, Map<String, List<String>> fields,
                             Map<String, List<UploadedFile>> files, long[] fieldBytes, Limits limits)
            throws IOException {
        try {
            while (decoder.hasNext()) {
                InterfaceHttpData data = decoder.next();
                if (data instanceof FileUpload upload) {
                    if (upload.getFilename() == null || upload.getFilename().isEmpty() && upload.length() == 0) {
                        // A file input left empty: browsers send a part with no name and no content.
                        continue;
                    }
                    files.computeIfAbsent(upload.getName(), k -> new ArrayList<>()).add(new NettyUploadedFile(upload));
                } else if (data instanceof Attribute attribute) {
                    fieldBytes[0] += attribute.length();
                    if (fieldBytes[0] > limits.maxFormMemorySize()) {
                        throw new HttpException(413, "The form's fields are larger than the server accepts ("
                                + limits.maxFormMemorySize() + " bytes, settings().maxFormMemorySize()).");
                    }
                    fields.computeIfAbsent(attribute.getName(), k -> new ArrayList<>()).add(attribute.getValue());
                }
            }
        } catch (HttpPostRequestDecoder.EndOfDataDecoderException end) {
            // Every part has been taken.
        }
    }

    /**
     * The answer to a body Netty's decoder refused: 413 for a file too large, too many parts or a
     * field too long, else a 400 in our words ({@link PartProblems}). Netty's own message (at
     * times a {@code NullPointerException}'s) goes to the debug log only: it describes Netty, not
     * the request.
     */
    private static HttpException rejection(RuntimeException e, Limits limits, Source body, String contentType) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("exceed") && message.contains("maximum")) {
                log.debug("an uploaded file is larger than maxFileSize ({} bytes)", limits.maxFileSize());
                return new HttpException(413, "An uploaded file is larger than the server accepts ("
                        + limits.maxFileSize() + " bytes).");
            }
            if (cause instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
                return new HttpException(413, "The form has more than " + limits.maxParts() + " parts "
                        + "(settings().maxFormParts()).");
            }
            if (cause instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
                return new HttpException(413, "A form field is longer than the server accepts ("
                        + limits.maxFormMemorySize() + " bytes, settings().maxFormMemorySize()).");
            }
        }
        return malformed(e, body, contentType);
    }

    private static HttpException malformed(Exception e, Source body, String contentType) {
        log.debug("a multipart body was refused by the decoder: {}", e.toString());
        String problem = null;
        try (InputStream in = body.open()) {
            problem = PartProblems.describe(Unpooled.wrappedBuffer(in.readNBytes(DESCRIBED_BYTES)),
                    PartProblems.boundary(contentType));
        } catch (IOException | RuntimeException unreadable) {
            log.debug("the refused body could not be read again: {}", unreadable.toString());
        }
        return new HttpException(400, "The multipart form could not be read: " + (problem != null ? problem
                : "it is not a well-formed multipart/form-data body (each part starts with the boundary line, "
                + "has a Content-Disposition: form-data; name=\"...\" header and an empty line, and the last "
                + "boundary ends with \"--\")") + ".");
    }

    /** The text fields, in the order sent; repeated names keep every value. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** The files, by field name; a field with {@code multiple} keeps every file. */
    public Map<String, List<UploadedFile>> files() {
        return files;
    }

    /** Deletes the temporary files and frees the memory held. */
    @Override
    public void close() {
        decoder.destroy();
    }
}
