package io.microflask.multipart;

import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file sent in a {@code multipart/form-data} form, as Werkzeug's {@code FileStorage}: held in
 * memory when small, in a temporary file above {@code settings().uploadMemoryThreshold()}. It is
 * valid only while the request is handled: the temporary file is deleted when the request ends,
 * so keep it with {@link #transferTo(Path)}.
 */
public final class UploadedFile {
    private final FileUpload upload;

    UploadedFile(FileUpload upload) {
        this.upload = upload;
    }

    /** The form field's name, e.g. {@code "avatar"}. */
    public String fieldName() {
        return upload.getName();
    }

    /**
     * The file name the client sent, as is: it may contain a path or anything else, so never use
     * it to build a path; see {@link #safeFilename()}.
     */
    public String filename() {
        return upload.getFilename();
    }

    /**
     * The file name reduced to letters, digits, {@code .}, {@code -} and {@code _}, without any
     * directory part or leading dots, as Werkzeug's {@code secure_filename}; {@code ""} when
     * nothing is left.
     */
    public String safeFilename() {
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
    public String contentType() {
        return upload.getContentType();
    }

    /** The size in bytes. */
    public long size() {
        return upload.length();
    }

    /** Whether the content is in memory (small) rather than in a temporary file. */
    public boolean inMemory() {
        return upload.isInMemory();
    }

    /** The temporary file holding the content, or {@code null} when it is in memory. Deleted after the request. */
    public Path temporaryFile() {
        if (upload.isInMemory()) {
            return null;
        }
        try {
            return upload.getFile().toPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content as bytes (a copy; for large files prefer {@link #inputStream()} or {@link #transferTo}). */
    public byte[] bytes() {
        try {
            return upload.get();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file '" + filename() + "'", e);
        }
    }

    /** The content as a stream, read from memory or from the temporary file. */
    public InputStream inputStream() {
        try {
            if (upload.isInMemory()) {
                return new ByteBufInputStream(upload.getByteBuf().duplicate());
            }
            return Files.newInputStream(upload.getFile().toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file '" + filename() + "'", e);
        }
    }

    /** Writes the content to {@code target}, replacing it; how to keep an upload beyond the request. */
    public void transferTo(Path target) throws IOException {
        try (InputStream in = inputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "UploadedFile[" + fieldName() + "=" + filename() + ", " + contentType() + ", " + size() + " bytes]";
    }
}
