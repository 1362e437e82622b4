package io.microflask.multipart;

import io.microflask.UploadedFile;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.microflask.HttpException;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
 * body, its content type, charset and limits, never the request.
 */
public final class MultipartForm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultipartForm.class);
    /** More parts than this is an abuse, not a form. */
    private static final int MAX_PARTS = 1000;

    private final HttpPostRequestDecoder decoder;
    private final Map<String, List<String>> fields;
    private final Map<String, List<UploadedFile>> files;

    private MultipartForm(HttpPostRequestDecoder decoder, Map<String, List<String>> fields,
                          Map<String, List<UploadedFile>> files) {
        this.decoder = decoder;
        this.fields = fields;
        this.files = files;
    }

    /**
     * How much a form may hold and where large files go.
     *
     * @param maxFileSize     the largest file accepted, in bytes (more is a 413)
     * @param memoryThreshold files up to this size stay in memory, larger ones go to a temporary file
     * @param uploadDirectory where temporary files go, or {@code null} for the system's temporary directory
     * @param maxBodySize     the largest body the decoder buffers, in bytes
     */
    public record Limits(long maxFileSize, long memoryThreshold, Path uploadDirectory, long maxBodySize) {
    }

    /** Whether a body of this content type (may be {@code null}) is {@code multipart/form-data}. */
    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * Decodes a {@code multipart/form-data} body, which stays owned by the caller. A malformed body
     * is a 400; a file over {@link Limits#maxFileSize()}, or too many fields, is a 413.
     */
    public static MultipartForm decode(ByteBuf body, String contentType, Charset charset, Limits limits) {
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
        // The decoder copies what it is offered, so a duplicate of the caller's buffer is enough.
        FullHttpRequest message = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                body.duplicate());
        message.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(factory, message, charset, MAX_PARTS,
                    (int) Math.min(Integer.MAX_VALUE, limits.maxBodySize()));
        } catch (RuntimeException e) {
            factory.cleanAllHttpData();
            throw rejection(e, limits, body, contentType);
        }
        try {
            if (decoder.currentPartialHttpData() != null) {
                throw new HttpException(400, "The multipart form is incomplete: a part has no closing boundary.");
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            Map<String, List<UploadedFile>> files = new LinkedHashMap<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload upload) {
                    if (upload.getFilename() == null || upload.getFilename().isEmpty() && upload.length() == 0) {
                        // A file input left empty: browsers send a part with no name and no content.
                        continue;
                    }
                    files.computeIfAbsent(upload.getName(), k -> new ArrayList<>()).add(new NettyUploadedFile(upload));
                } else if (data instanceof Attribute attribute) {
                    fields.computeIfAbsent(attribute.getName(), k -> new ArrayList<>()).add(attribute.getValue());
                }
            }
            fields.replaceAll((k, v) -> List.copyOf(v));
            files.replaceAll((k, v) -> List.copyOf(v));
            return new MultipartForm(decoder, Collections.unmodifiableMap(fields), Collections.unmodifiableMap(files));
        } catch (HttpException e) {
            decoder.destroy();
            throw e;
        } catch (IOException | RuntimeException e) {
            decoder.destroy();
            throw malformed(e, body, contentType);
        }
    }

    /**
     * The answer to a body Netty's decoder refused: 413 for a file too large or too many parts,
     * else a 400 in our words ({@link PartProblems}). Netty's own message (at times a
     * {@code NullPointerException}'s) goes to the debug log only: it describes Netty, not the request.
     */
    private static HttpException rejection(RuntimeException e, Limits limits, ByteBuf body, String contentType) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("exceed") && message.contains("maximum")) {
                log.debug("an uploaded file is larger than maxFileSize ({} bytes)", limits.maxFileSize());
                return new HttpException(413, "An uploaded file is larger than the server accepts ("
                        + limits.maxFileSize() + " bytes).");
            }
            if (cause instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
                return new HttpException(413, "The form has more than " + MAX_PARTS + " fields.");
            }
        }
        return malformed(e, body, contentType);
    }

    private static HttpException malformed(Exception e, ByteBuf body, String contentType) {
        log.debug("a multipart body was refused by the decoder: {}", e.toString());
        String problem = PartProblems.describe(body, PartProblems.boundary(contentType));
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
