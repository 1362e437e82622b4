package io.microflask;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A file sent in a {@code multipart/form-data} form, as Werkzeug's {@code FileStorage}: held in
 * memory when small, in a temporary file above {@code settings().uploadMemoryThreshold()}. It is
 * valid only while the request is handled: the temporary file is deleted when the request ends,
 * so keep it with {@link #transferTo(Path)}. Get it with {@code request.file("avatar")} or a
 * handler parameter of this type named like the field.
 */
public interface UploadedFile {

    /** The form field's name, e.g. {@code "avatar"}. */
    String fieldName();

    /**
     * The file name the client sent, as is: it may contain a path or anything else, so never use
     * it to build a path; see {@link #safeFilename()}.
     */
    String filename();

    /**
     * The file name reduced to letters, digits, {@code .}, {@code -} and {@code _}, without any
     * directory part or leading dots, as Werkzeug's {@code secure_filename}; {@code ""} when
     * nothing is left.
     */
    default String safeFilename() {
        String name = filename() == null ? "" : filename();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).replace(' ', '_');
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                safe.append(c);
            }
        }
        int start = 0;
        while (start < safe.length() && (safe.charAt(start) == '.' || safe.charAt(start) == '_')) {
            start++;
        }
        return safe.substring(start);
    }

    /** The content type the client declared, e.g. {@code "image/png"}; not a check of the bytes. */
    String contentType();

    /** The size in bytes. */
    long size();

    /** Whether the content is in memory (small) rather than in a temporary file. */
    boolean inMemory();

    /** The temporary file holding the content, or {@code null} when it is in memory. Deleted after the request. */
    Path temporaryFile();

    /** The content as bytes (a copy; for large files prefer {@link #inputStream()} or {@link #transferTo}). */
    byte[] bytes();

    /** The content as a stream, read from memory or from the temporary file. */
    InputStream inputStream();

    /** Writes the content to {@code target}, replacing it; how to keep an upload beyond the request. */
    void transferTo(Path target) throws IOException;
}
