package io.microflask.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole request whose body {@link BodyReceiver} wrote to a temporary file as it arrived, instead
 * of holding it in memory: its {@code content()} is empty and the file is deleted when the request
 * is released, which the server does once it is answered (or dropped, when the client leaves).
 */
final class SpooledRequest extends DefaultFullHttpRequest {
    private static final Logger log = LoggerFactory.getLogger(SpooledRequest.class);

    private final Path file;
    private final long length;

    SpooledRequest(HttpRequest head, HttpHeaders trailers, Path file, long length) {
        // A real (empty) buffer, not EMPTY_BUFFER, so that the reference count reaches zero.
        super(head.protocolVersion(), head.method(), head.uri(), Unpooled.buffer(0), head.headers(), trailers);
        this.file = file;
        this.length = length;
    }

    /** The temporary file holding the body. */
    Path file() {
        return file;
    }

    /** The body's length in bytes. */
    long length() {
        return length;
    }

    /** The body bytes of {@code message} held on disk: 0 unless it is spooled. */
    static long spooledBytes(FullHttpRequest message) {
        return message instanceof SpooledRequest spooled ? spooled.length : 0;
    }

    @Override
    public boolean release() {
        return deletedWhen(super.release());
    }

    @Override
    public boolean release(int decrement) {
        return deletedWhen(super.release(decrement));
    }

    private boolean deletedWhen(boolean released) {
        if (released) {
            delete(file);
        }
        return released;
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the temporary request body {}: {}", file, e.toString());
        }
    }
}
