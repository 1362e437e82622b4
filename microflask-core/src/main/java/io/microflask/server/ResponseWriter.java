package io.microflask.server;

import io.microflask.Cookie;
import io.microflask.Response;
import io.microflask.Settings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedFile;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Writes a {@link Response} to a channel as HTTP/1.1 messages (Netty's encoder, or the HTTP/2
 * stream codec, then turns them into bytes or frames). Files go as zero-copy regions on a
 * cleartext HTTP/1.1 socket; an in-process exchange, a TLS connection and an HTTP/2 stream are
 * given a writer that sends them as chunks instead.
 */
final class ResponseWriter {
    private final boolean zeroCopyFiles;
    private final Settings settings;

    /**
     * {@code zeroCopyFiles}: whether the channel is a real socket that can send a file region;
     * {@code settings}: for the {@code Server} header.
     */
    ResponseWriter(boolean zeroCopyFiles, Settings settings) {
        this.zeroCopyFiles = zeroCopyFiles;
        this.settings = settings;
    }

    /** The headers every answer carries, unless the app set them itself: {@code Date}, and {@code Server} when set. */
    private void addServerHeaders(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.set(HttpHeaderNames.DATE, DateHeader.now());
        }
        String server = settings.serverHeader();
        if (server != null && !headers.contains(HttpHeaderNames.SERVER)) {
            headers.set(HttpHeaderNames.SERVER, server);
        }
    }

    /**
     * Writes the response; {@code headOnly} sends the headers (with the body's length) and no
     * body. Returns the future of the last write.
     */
    ChannelFuture write(ChannelHandlerContext ctx, Response response, HttpVersion version, boolean headOnly,
                               boolean keepAlive) throws IOException {
        return write(ctx, response, version, headOnly, keepAlive, true);
    }

    /**
     * Whether {@link #write} with {@code flush} false would leave the answer unflushed: an answer in
     * memory; a file is always flushed, so that it is never held open unsent.
     */
    static boolean staysInMemory(Response response, boolean headOnly) {
        return response.bodyFile() == null || headOnly || isBodiless(response);
    }

    /** A 1xx, 204 or 304 answer, which has no body (RFC 9110 6.4.1). */
    private static boolean isBodiless(Response response) {
        return response.status() == 204 || response.status() == 304 || response.status() < 200;
    }

    /**
     * As {@link #write(ChannelHandlerContext, Response, HttpVersion, boolean, boolean)}; with {@code flush}
     * false an answer in memory ({@link #staysInMemory}) is only queued in the channel, for the caller to
     * flush with the answers after it.
     */
    ChannelFuture write(ChannelHandlerContext ctx, Response response, HttpVersion version, boolean headOnly,
                        boolean keepAlive, boolean flush) throws IOException {
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        HttpHeaders headers = response.headers();
        addServerHeaders(headers);
        for (Cookie cookie : response.cookies()) {
            headers.add(HttpHeaderNames.SET_COOKIE, cookie.toSetCookieHeader());
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        boolean bodiless = isBodiless(response);
        Response.FileBody file = response.bodyFile();
        if (file != null && !headOnly && !bodiless) {
            return writeFile(ctx, status, headers, version, file);
        }
        ByteBuf body = response.bodyBuffer();
        long length = file != null ? fileLength(file) : body.readableBytes();
        if (bodiless) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        } else if (response.streamingBody() != null) {
            // The length of a streamed body is not known; a HEAD answer says nothing about it.
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH) || !headOnly) {
            setContentLength(headers, length);
        }
        ByteBuf content = body;
        if (headOnly || bodiless) {
            response.releaseBody();
            content = Unpooled.EMPTY_BUFFER;
        }
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(version, status, content, headers,
                io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        return flush ? ctx.writeAndFlush(full) : ctx.write(full);
    }

    /**
     * Writes the status and headers of a streamed body: chunked on HTTP/1.1; on HTTP/1.0 the body
     * ends when the connection does, so {@code keepAlive} must be false there.
     */
    ChannelFuture writeStreamHead(ChannelHandlerContext ctx, Response response, HttpVersion version,
                                         boolean keepAlive) {
        HttpHeaders headers = response.headers();
        addServerHeaders(headers);
        for (Cookie cookie : response.cookies()) {
            headers.add(HttpHeaderNames.SET_COOKIE, cookie.toSetCookieHeader());
        }
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        if (version.equals(HttpVersion.HTTP_1_1)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        response.releaseBody();
        return ctx.writeAndFlush(new DefaultHttpResponse(version, HttpResponseStatus.valueOf(response.status()),
                headers));
    }

    /** Sets {@code Content-Length}; an int where it fits, which spares boxing and Netty's object conversion. */
    private static void setContentLength(HttpHeaders headers, long length) {
        if (length <= Integer.MAX_VALUE) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, (int) length);
        } else {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        }
    }

    private static long fileLength(Response.FileBody file) throws IOException {
        return file.length() >= 0 ? file.length() : java.nio.file.Files.size(file.path()) - file.offset();
    }

    private ChannelFuture writeFile(ChannelHandlerContext ctx, HttpResponseStatus status, HttpHeaders headers,
                                           HttpVersion version, Response.FileBody file) throws IOException {
        RandomAccessFile raf = new RandomAccessFile(file.path().toFile(), "r");
        long length;
        try {
            length = file.length() >= 0 ? file.length() : raf.length() - file.offset();
        } catch (IOException e) {
            raf.close();
            throw e;
        }
        setContentLength(headers, length);
        ctx.write(new DefaultHttpResponse(version, status, headers));
        if (zeroCopyFiles) {
            // Zero-copy: the kernel sends the file; it never passes through the heap.
            ctx.write(new DefaultFileRegion(raf.getChannel(), file.offset(), length));
        } else {
            // In process (the test client) there is no socket to send a file region to, and over TLS
            // or HTTP/2 the bytes must pass through the handlers: chunks, read as they are sent.
            // The chunked input ends with the last chunk itself; its future is the whole file's.
            return ctx.writeAndFlush(new io.netty.handler.codec.http.HttpChunkedInput(
                    new ChunkedFile(raf, file.offset(), length, 8192)));
        }
        return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}
