package io.microflask.server;

import io.microflask.util.LogSafe;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A request as the server parsed it, once: the Netty message and its target split into path,
 * decoded segments and query, with the client as the socket or a trusted proxy tells. The layer
 * above turns it into the {@link io.microflask.Request} handlers see.
 *
 * @param message       the whole request, its body in memory or, when large, in a temporary file
 *                      ({@link #bodyLength()}, {@link #openBody()}); owned by the server, released
 *                      after the answer
 * @param rawPath       the path as sent, percent-encoded
 * @param path          the decoded path
 * @param segments      the decoded segments, split before decoding so an encoded slash stays inside one
 * @param rawQuery      the query as sent, without {@code ?}; empty when none
 * @param remoteAddress the client's address (a trusted proxy's report, else the socket's), or {@code null}
 * @param scheme        {@code "http"}, or what a trusted proxy reports
 * @param host          the host the client asked for, a valid {@code host[:port]}: a trusted proxy's
 *                      report, else an absolute-form target's authority, else the Host header, else
 *                      {@code "localhost"}
 * @param requestId     the request's id ({@link RequestIds}): a trusted proxy's, else generated
 */
public record IncomingRequest(FullHttpRequest message, String rawPath, String path, List<String> segments,
                              String rawQuery, InetSocketAddress remoteAddress, String scheme, String host,
                              String requestId) {

    /** A request with a freshly generated id. */
    public IncomingRequest(FullHttpRequest message, String rawPath, String path, List<String> segments,
                           String rawQuery, InetSocketAddress remoteAddress, String scheme, String host) {
        this(message, rawPath, path, segments, rawQuery, remoteAddress, scheme, host, RequestIds.generate());
    }

    /** The body's length in bytes, in memory or on disk. */
    public long bodyLength() {
        return message instanceof SpooledRequest spooled ? spooled.length() : message.content().readableBytes();
    }

    /** Whether the body was written to a temporary file as it arrived, rather than kept in memory. */
    public boolean bodyOnDisk() {
        return message instanceof SpooledRequest;
    }

    /** A stream over the body, from memory (no copy) or from its temporary file. */
    public InputStream openBody() throws IOException {
        if (message instanceof SpooledRequest spooled) {
            return Files.newInputStream(spooled.file());
        }
        return new ByteBufInputStream(message.content().duplicate());
    }

    /** The method and URI, for logs, with control characters escaped ({@link LogSafe}). */
    @Override
    public String toString() {
        return LogSafe.text(message.method().name() + " " + message.uri());
    }
}
