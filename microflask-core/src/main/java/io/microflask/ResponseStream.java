package io.microflask;

import java.io.IOException;

/**
 * Where a {@link StreamingBody} writes. Writes are sent in chunks; {@link #write} waits while the
 * client reads more slowly than the body is produced, so memory stays bounded.
 */
public interface ResponseStream {

    /** Sends bytes; throws {@link IOException} when the client has gone. */
    void write(byte[] bytes) throws IOException;

    /** Sends text as UTF-8. */
    void write(String text) throws IOException;

    /**
     * Whether writing still makes sense: the client is connected and the server is not shutting
     * down. A long-lived stream (server-sent events) loops while this is true, so that a shutdown
     * does not wait for it.
     */
    boolean isOpen();
}
