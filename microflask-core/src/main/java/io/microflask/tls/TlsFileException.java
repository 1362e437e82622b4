package io.microflask.tls;

import java.nio.file.Path;

/**
 * A certificate or key file that cannot be used; the message names the file, what is wrong and
 * how to fix it.
 */
public final class TlsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    TlsFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
