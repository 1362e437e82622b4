package io.microflask.server;

import io.microflask.Settings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Receives each request's body as it arrives, instead of aggregating it whole in memory: the
 * first {@code settings().bodyMemoryThreshold()} bytes stay in memory, and a larger body goes on
 * to a temporary file, chunk by chunk, so memory per request stays bounded whatever the limit.
 * The limit, the route's own ({@code @Route(maxBodySize = ...)}, asked of
 * {@link RequestService#routeBodyLimit}) or {@code settings().maxBodySize()}, is checked against
 * {@code Content-Length} when the head arrives and against the bytes as they come: a body over it
 * is passed on marked with {@link RequestTooLargeException}, so the app answers 413 in order, and
 * what was written is deleted. A request that announces an oversized body with
 * {@code Expect: 100-continue} gets the 413 instead of the 100, so the client never sends it.
 * The whole request goes on as a {@link FullHttpRequest} (a {@link SpooledRequest} when it is on
 * disk). When the client leaves mid-body, the partial file is deleted at once.
 */
final class BodyReceiver extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BodyReceiver.class);

    private final RequestService service;
    private final Settings settings;
    private final BodyBudget.Account bodies;
    /** The head of the request whose body is being received, or {@code null} between requests. */
    private HttpRequest head;
    private long limit;
    private long received;
    /** Drop what is left of this request's body (it was refused, or it failed). */
    private boolean discarding;
    private CompositeByteBuf memory;
    private Path spool;
    private FileChannel spoolChannel;
    /** The request whose route limit was looked up last, and that limit. */
    private HttpRequest lookedUp;
    private long lookedUpLimit;
    private long lookedUpLength;

    BodyReceiver(RequestService service, BodyBudget.Account bodies) {
        this.service = service;
        this.settings = service.settings();
        this.bodies = bodies;
    }

    /**
     * The limit of the route {@code request} goes to, if it has one of its own; else -1. Looked up
     * once per request (the decoder asks first, for the budget), and only for one that has a body.
     */
    long routeLimit(HttpRequest request) {
        if (request != lookedUp) {
            lookedUp = request;
            lookedUpLength = announcedLength(request);
            lookedUpLimit = lookUp(request, lookedUpLength);
        }
        return lookedUpLimit;
    }

    /** The head's Content-Length, or -1 when it has none (or one the strict decoder refuses). */
    private static long announcedLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return -1; // refused by the strict decoder
        }
    }

    private long lookUp(HttpRequest request, long announced) {
        boolean hasBody = announced > 0 || HttpUtil.isTransferEncodingChunked(request);
        List<String> segments = hasBody ? RequestParser.segmentsOf(request.uri()) : null;
        if (segments == null) {
            return -1;
        }
        try {
            return service.routeBodyLimit(request.method().name(), segments);
        } catch (RuntimeException e) {
            log.warn("looking up the body limit of {} failed; using settings().maxBodySize()", request.uri(), e);
            return -1;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            begin(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            receive(ctx, content);
        } else if (!(msg instanceof HttpRequest)) {
            ctx.fireChannelRead(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        abandon();
        head = request;
        received = 0;
        discarding = false;
        if (request.decoderResult().isFailure()) {
            // Answered 400 (or the like) as it is; whatever body follows is the decoder's to discard.
            pass(ctx, marker(request, request.decoderResult()));
            return;
        }
        long own = routeLimit(request);
        long announced = lookedUpLength;
        lookedUp = null;
        limit = own >= 0 ? own : settings.maxBodySize();
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            // As Netty's aggregator: an expectation this server cannot meet is 417, and the end.
            discarding = true;
            DefaultFullHttpResponse failed = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.EXPECTATION_FAILED, Unpooled.EMPTY_BUFFER);
            failed.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.DATE, DateHeader.now());
            ctx.writeAndFlush(failed).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (announced > limit) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            tooLarge(ctx);
            return;
        }
        if (expect != null) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
    }

    private void receive(ChannelHandlerContext ctx, HttpContent content) {
        try {
            if (head == null || discarding) {
                return;
            }
            if (content.decoderResult().isFailure()) {
                // The decoder gave up on this body (the client was too slow, the budget is spent).
                abandon();
                pass(ctx, marker(head, content.decoderResult()));
                return;
            }
            ByteBuf bytes = content.content();
            received += bytes.readableBytes();
            if (received > limit) {
                abandon();
                tooLarge(ctx);
                return;
            }
            if (bytes.isReadable()) {
                store(bytes);
            }
            if (content instanceof LastHttpContent last) {
                complete(ctx, last.trailingHeaders());
            }
        } catch (IOException e) {
            log.warn("could not write a request body to {}: {}; answering 503", spool, e.toString());
            abandon();
            pass(ctx, marker(head, DecoderResult.failure(new ServerBusyException(
                    "the request body could not be stored (settings().uploadDirectory()): " + e.getMessage()))));
        } finally {
            ReferenceCountUtil.release(content);
        }
    }

    private void store(ByteBuf bytes) throws IOException {
        if (spoolChannel == null && (memory == null ? 0 : memory.readableBytes()) + bytes.readableBytes()
                <= settings.bodyMemoryThreshold()) {
            if (memory == null) {
                memory = Unpooled.compositeBuffer(Integer.MAX_VALUE);
            }
            memory.addComponent(true, bytes.retain());
            return;
        }
        if (spoolChannel == null) {
            Path directory = settings.uploadDirectory();
            spool = directory == null ? Files.createTempFile("microflask-body-", ".tmp")
                    : Files.createTempFile(directory, "microflask-body-", ".tmp");
            spoolChannel = FileChannel.open(spool, StandardOpenOption.WRITE);
            if (memory != null) {
                write(memory);
                memory.release();
                memory = null;
            }
        }
        write(bytes);
    }

    private void write(ByteBuf bytes) throws IOException {
        // On the event loop: sequential writes into the page cache, a chunk at a time.
        ByteBuf view = bytes.duplicate();
        while (view.isReadable()) {
            view.readBytes(spoolChannel, view.readableBytes());
        }
    }

    private void complete(ChannelHandlerContext ctx, HttpHeaders trailers) throws IOException {
        HttpRequest request = head;
        head = null;
        // As Netty's aggregator: a chunked body now has a known length. A head with neither header
        // had no body and keeps having no Content-Length (as in Werkzeug, where it is None); one with
        // Content-Length has the strict decoder's word that it matches what arrived.
        if (received > 0 || request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, received);
        }
        // Most requests have no trailers: no copy of an empty header map for each.
        HttpHeaders ownTrailers = trailers.isEmpty() ? EmptyHttpHeaders.INSTANCE : trailers.copy();
        FullHttpRequest whole;
        if (spoolChannel != null) {
            spoolChannel.close();
            spoolChannel = null;
            whole = new SpooledRequest(request, ownTrailers, spool, received);
            spool = null;
        } else {
            ByteBuf body = memory == null ? Unpooled.EMPTY_BUFFER : memory;
            memory = null;
            whole = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(), body,
                    request.headers(), ownTrailers);
        }
        ctx.fireChannelRead(whole);
    }

    private void tooLarge(ChannelHandlerContext ctx) {
        pass(ctx, marker(head, DecoderResult.failure(new RequestTooLargeException(limit))));
    }

    /** Sends on a bodiless copy of {@code request} marked with {@code result}; the rest of its body is dropped. */
    private void pass(ChannelHandlerContext ctx, FullHttpRequest marker) {
        discarding = true;
        head = null;
        ctx.fireChannelRead(marker);
    }

    private static FullHttpRequest marker(HttpRequest request, DecoderResult result) {
        DefaultFullHttpRequest marker = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers().copy(), EmptyHttpHeaders.INSTANCE);
        marker.setDecoderResult(result);
        return marker;
    }

    /** Drops a body being received: its memory is freed and its partial file deleted. */
    private void abandon() {
        if (memory != null) {
            memory.release();
            memory = null;
        }
        if (spoolChannel != null) {
            try {
                spoolChannel.close();
            } catch (IOException e) {
                log.debug("closing {} failed: {}", spool, e.toString());
            }
            spoolChannel = null;
        }
        if (spool != null) {
            SpooledRequest.delete(spool);
            spool = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // The client left mid-body: nothing of it stays behind.
        abandon();
        head = null;
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        abandon();
    }
}
