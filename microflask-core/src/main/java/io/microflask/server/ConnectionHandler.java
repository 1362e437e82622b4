package io.microflask.server;

import io.microflask.Response;
import io.microflask.util.LogSafe;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection's requests. Each is handed to a handler thread; answers go back in the order the
 * requests came (HTTP/1.1 pipelining), one request at a time per connection, and the next request
 * starts only once the previous answer has been written to the socket and the channel is
 * writable again: a client that pipelines and never reads holds one answer and one open file at
 * most. At most {@code settings().maxPipelinedRequests()} wait; beyond that the connection is
 * closed after the waiting ones are answered (a pipelining client must be ready to retry then,
 * RFC 9112 9.3.2). Malformed requests are answered 400/414/431 and the connection closed, since
 * the decoder cannot find where the next request starts. After the client half-closes its side,
 * the requests it sent are still answered, then the connection is closed.
 *
 * <p>Pipelined answers that are in memory go out together, as raw Netty sends a read batch's
 * answers: after the first answer of a read, or while more requests of this connection wait, an
 * answer is only queued in the channel and the next request starts at once; the queued answers
 * are flushed when the read batch ends, when the next answer is not ready at once (its handler
 * runs on a handler thread), or when none waits. What a client that pipelines and does not read
 * can hold is then bounded by the channel's write buffer (the next request waits while the channel
 * is not writable), and a file or a streamed answer is always flushed, so it is still one of those
 * at most.
 *
 * <p>Over HTTP/2 each stream has its own handler ({@code http2Stream}): one request, no
 * connection accounting (the connection's {@code Http2ConnectionGuard} does that), and a close
 * ends the stream, not the connection.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    /** Pipelined requests waiting beyond this stop reads until the queue drains. */
    private static final int MAX_QUEUED = 16;
    /** How long a lingering close keeps reading before it closes (nginx: lingering_timeout 5 s). */
    private static final long LINGER_MILLIS = 2000;
    /** The start time of a request nobody times (see timesAnswers): no clock is read for it. */
    private static final long NOT_TIMED = Long.MIN_VALUE;

    private final RequestService service;
    private final HandlerThreads threads;
    private final ServerState state;
    private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
    private final int maxPipelined;
    private boolean busy;
    private boolean closing;
    /** The client shut its output down (half-close): answer what it sent, then close. */
    private boolean inputShutdown;
    /** The answer in flight is streamed (its body is still being written). */
    private boolean streaming;
    /** Close with {@link #lingeringClose}: an error answer may leave the client sending. */
    private boolean lingerOnClose;
    /** The request being answered, to cancel its asynchronous result if the client leaves. */
    private Exchange pending;
    /** Too many requests were pipelined: answer those waiting, then close. */
    private boolean closeAfterQueue;
    /** Counted against {@code Settings.maxConnections()}; an uncounted connection is over the cap. */
    private boolean admitted;
    private boolean admissionDecided;
    private final ConnectionAdmission admission;
    private boolean sawRequest;
    /** The id and route pattern of the request being answered, for the echo and the access log. */
    private String requestId;
    private String routePattern;
    /** The request id header's name, as the setting gave it and as an {@link AsciiString}. */
    private String requestIdName;
    private AsciiString requestIdAscii;

    private final ResponseWriter writer;
    /** A {@code channelRead} is on the stack: its batch's answers are flushed at {@code channelReadComplete}. */
    private boolean reading;
    /** Answers queued in the channel and not yet flushed. */
    private boolean unflushed;
    /** Answers made since the last channelReadComplete: the first of a read goes out at once. */
    private int answersThisRead;

    private final BodyBudget.Account bodies;
    /** An HTTP/2 stream's handler: the connection is counted and closed elsewhere. */
    private final boolean http2Stream;
    /** Whether the connection is TLS (decided at the first request); {@code null} until then. */
    private Boolean secure;

    ConnectionHandler(RequestService service, HandlerThreads threads, ServerState state, ResponseWriter writer,
                      BodyBudget.Account bodies) {
        this(service, threads, state, writer, bodies, false);
    }

    ConnectionHandler(RequestService service, HandlerThreads threads, ServerState state, ResponseWriter writer,
                      BodyBudget.Account bodies, boolean http2Stream) {
        this.http2Stream = http2Stream;
        this.admission = new ConnectionAdmission(state);
        this.bodies = bodies;
        this.service = service;
        this.writer = writer;
        this.threads = threads;
        this.state = state;
        this.maxPipelined = service.settings().maxPipelinedRequests();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        admit(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            // An accepted socket, and EmbeddedChannel in process, are active before the pipeline is
            // built; so is a TLS connection, whose HTTP handlers come after its handshake.
            admit(ctx);
        }
    }

    private void admit(ChannelHandlerContext ctx) {
        if (admissionDecided) {
            return;
        }
        admissionDecided = true;
        if (http2Stream) {
            admitted = true;
            return;
        }
        state.connectionOpened(ctx.channel());
        admitted = admission.admit(ctx.channel(), service.settings());
        if (!admitted) {
            service.connectionRejected();
            // Its first request is answered 503; one that sends none is not kept waiting for.
            long wait = Math.max(1000, service.settings().requestHeadTimeout().toMillis());
            ctx.executor().schedule(() -> {
                if (!sawRequest) {
                    ctx.close();
                }
            }, Math.min(wait, 10_000), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean outer = reading;
        reading = true;
        try {
            read(ctx, msg);
        } finally {
            reading = outer;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        answersThisRead = 0;
        flushQueuedAnswers(ctx);
        super.channelReadComplete(ctx);
    }

    private void read(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            release(request);
            return;
        }
        if (busy || !queue.isEmpty()) {
            if (queue.size() >= maxPipelined) {
                // One read can decode many requests even with reads stopped; past the bound they
                // are dropped and the connection ends once the waiting ones are answered.
                log.debug("{} pipelined more than {} requests without reading; closing after those",
                        ctx.channel().remoteAddress(), maxPipelined);
                release(request);
                closeAfterQueue = true;
                pauseReading(ctx);
                return;
            }
            queue.add(request);
            if (queue.size() >= MAX_QUEUED) {
                pauseReading(ctx);
            }
            return;
        }
        process(ctx, request);
    }

    private void process(ChannelHandlerContext ctx, FullHttpRequest message) {
        busy = true;
        sawRequest = true;
        state.requestStarted();
        // Parsed once, here; the error answers below reuse it (null when the target itself is bad).
        IncomingRequest request = null;
        RuntimeException unparsable = null;
        requestId = RequestIds.of(message.headers(), ctx.channel().remoteAddress(), service.settings());
        routePattern = null;
        try {
            request = RequestParser.parse(message, ctx.channel().remoteAddress(), ctx.channel().localAddress(),
                    service.settings(), service.debug(), secure(ctx), requestId);
        } catch (RuntimeException e) {
            unparsable = e;
        }
        if (!admitted) {
            answerError(ctx, message, request, 503,
                    "The server has too many connections open (from your address, or in all); try again in a "
                            + "moment.", true);
            return;
        }
        DecoderResult result = message.decoderResult();
        if (result.isFailure()) {
            rejectMalformed(ctx, message, request, result.cause());
            return;
        }
        if (unparsable instanceof RequestParser.BadTargetException badTarget) {
            answerError(ctx, message, null, 400, "Bad request target: " + badTarget.getMessage(), true);
            return;
        } else if (unparsable instanceof RequestParser.BadHostException badHost) {
            log.debug("refused {} from {}: {}", LogSafe.text(message.uri()), ctx.channel().remoteAddress(),
                    LogSafe.text(badHost.getMessage()));
            answerError(ctx, message, null, 400, badHost.getMessage(), true);
            return;
        } else if (unparsable != null) {
            throw unparsable;
        }
        IncomingRequest parsed = request;
        long started = timesAnswers() ? System.nanoTime() : NOT_TIMED;
        Exchange exchange = service.route(parsed);
        pending = exchange;
        routePattern = exchange.routePattern();
        Consumer<Response> answered = response -> {
            if (ctx.executor().inEventLoop()) {
                finish(ctx, message, parsed, response, started);
            } else {
                ctx.executor().execute(() -> finish(ctx, message, parsed, response, started));
            }
        };
        if (exchange.onEventLoop()) {
            // A @NonBlocking route: answered right here, with no hop to another thread and back.
            exchange.run(threads.inProcess() ? threads.requests() : ctx.executor(), ctx.executor(), answered);
            return;
        }
        try {
            threads.requests().execute(() -> exchange.run(threads.requests(), ctx.executor(), answered));
        } catch (RejectedExecutionException e) {
            log.warn("every handler thread is busy and the queue is full; answering 503 to {}", request);
            Response busyResponse = service.reject(503, "The server is busy; try again in a moment.", request);
            busyResponse.header("Retry-After", 1);
            finish(ctx, message, request, busyResponse, started);
        }
    }

    private void rejectMalformed(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request,
                                 Throwable cause) {
        int status;
        String text;
        if (cause instanceof ServerBusyException) {
            status = 503;
            text = "The server is busy receiving other requests; try again in a moment.";
        } else if (cause instanceof ClientTooSlowException) {
            status = 408;
            text = "The request took too long to arrive: " + cause.getMessage() + ".";
        } else if (cause instanceof UnsupportedVersionException) {
            status = 505;
            text = "The HTTP version is not supported: " + cause.getMessage() + ".";
        } else if (cause instanceof MalformedRequestException) {
            status = 400;
            text = "The request is not valid HTTP/1.1: " + cause.getMessage() + ".";
        } else if (cause instanceof RequestTooLargeException) {
            status = 413;
            text = "The request body is larger than the server accepts (" + cause.getMessage() + ").";
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            text = "The request line (method and URI) is longer than the server accepts.";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            text = "The request's headers are larger than the server accepts.";
        } else {
            status = 400;
            text = "The request is not valid HTTP: " + cause.getMessage();
        }
        log.debug("rejected a malformed request from {} with {}: {}", ctx.channel().remoteAddress(), status,
                LogSafe.text(cause));
        answerError(ctx, message, request, status, text, true);
    }

    private void answerError(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request,
                             int status, String text, boolean close) {
        Response response = service.reject(status, text, request);
        if (status == 503) {
            response.header("Retry-After", 1);
        }
        if (close) {
            closing = true;
            // The client may still be sending what was refused (a body over the limit): a plain
            // close would reset the connection, and the reset can destroy the answer before it is read.
            lingerOnClose = true;
        }
        finish(ctx, message, request, response, timesAnswers() ? System.nanoTime() : NOT_TIMED);
    }

    private void finish(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request, Response response,
                        long started) {
        pending = null;
        boolean keepAlive = !closing && !state.shuttingDown() && !state.draining() && HttpUtil.isKeepAlive(message)
                && message.decoderResult().isSuccess();
        boolean head = message.method().equals(HttpMethod.HEAD);
        // Answers are HTTP/1.1 unless the client spoke HTTP/1.0; never an echo of an unknown version.
        HttpVersion version = message.protocolVersion().equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0
                : HttpVersion.HTTP_1_1;
        AsciiString requestIdHeader = requestIdHeader();
        if (!response.headers().contains(requestIdHeader)) {
            response.headers().set(requestIdHeader, requestId);
        }
        if (response.streamingBody() != null && !head) {
            logAccess(ctx, message, request, response, -1, started);
            stream(ctx, message, request, response, version,
                    keepAlive && version.equals(HttpVersion.HTTP_1_1));
            return;
        }
        ChannelFuture written;
        long bytes = 0;
        // Flushed later with the answers after it (see the class comment); never over HTTP/2 or in process.
        // A read's first answer goes out at once: a read with one request (no pipelining) gains nothing from
        // waiting for channelReadComplete, and measured a little slower that way.
        boolean queueOnly = keepAlive && ((reading && answersThisRead > 0) || !queue.isEmpty()) && !http2Stream
                && !threads.inProcess() && ResponseWriter.staysInMemory(response, head);
        if (reading) {
            answersThisRead++;
        }
        try {
            written = writer.write(ctx, response, version, head, keepAlive, !queueOnly);
            if (started != NOT_TIMED) {
                String length = head ? null : response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                bytes = length == null ? 0 : Long.parseLong(length); // the writer set it: the body's size
            }
        } catch (IOException | RuntimeException e) {
            log.error("could not write the answer to {}: {}", request, LogSafe.text(e), LogSafe.throwable(e));
            response.releaseBody();
            keepAlive = false;
            queueOnly = false;
            written = ctx.newSucceededFuture();
        }
        if (queueOnly) {
            unflushed = true;
        }
        logAccess(ctx, message, request, response, bytes, started);
        complete(ctx, message, keepAlive, written, queueOnly);
    }

    /** {@code settings().requestIdHeader()} as an {@link AsciiString}, made again only when the setting changes. */
    private AsciiString requestIdHeader() {
        String name = service.settings().requestIdHeader();
        if (!name.equals(requestIdName)) {
            requestIdName = name;
            requestIdAscii = new AsciiString(name);
        }
        return requestIdAscii;
    }

    /** Flushes the answers queued in the channel, if there are any. */
    private void flushQueuedAnswers(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** Whether this connection (or, for an HTTP/2 stream, its connection) is TLS. */
    private boolean secure(ChannelHandlerContext ctx) {
        if (secure == null) {
            secure = TlsChannels.isSecure(ctx.channel());
        }
        return secure;
    }

    /** Whether a request must be timed: an access log line or a metrics extension wants its duration. */
    private boolean timesAnswers() {
        return AccessLog.writes(service.settings().accessLog(), service.debug()) || service.observesAnswers();
    }

    private void logAccess(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request,
                           Response response, long bytes, long started) {
        if (started == NOT_TIMED) {
            return; // neither log nor metrics listened when the request came (timesAnswers)
        }
        AccessLog.log(service.settings().accessLog(), service.debug(), new AccessLog.Entry(message, request,
                ctx.channel().remoteAddress(), response, bytes, started, requestId, routePattern));
        service.answered(message.method().name(), routePattern, response.status(), System.nanoTime() - started);
    }

    /**
     * Sends the head of a streamed answer, then runs its body on a handler thread; the request
     * stays in flight (and the connection busy) until the body returns.
     */
    private void stream(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request, Response response,
                        HttpVersion version, boolean keepAlive) {
        ChannelFuture head = writer.writeStreamHead(ctx, response, version, keepAlive);
        streaming = true;
        ChannelResponseStream out = new ChannelResponseStream(ctx, state, service.settings().writeTimeout());
        Runnable body = () -> {
            boolean clean = true;
            try {
                response.streamingBody().writeTo(out);
            } catch (IOException gone) {
                clean = false;
                log.debug("the client of {} left while its answer was streamed: {}", request, LogSafe.text(gone));
            } catch (Exception | StackOverflowError failure) {
                clean = false;
                log.error("{}: the streamed body failed after its head was sent; closing the connection",
                        request, LogSafe.throwable(failure));
            }
            if (clean && response.staysOpen()) {
                // An open stream: its opener has returned; the request ends when the stream does.
                out.holdOpen((closedCleanly, last) -> {
                    boolean reuseAfter = keepAlive && closedCleanly;
                    if (ctx.executor().inEventLoop()) {
                        complete(ctx, message, reuseAfter, last);
                    } else {
                        ctx.executor().execute(() -> complete(ctx, message, reuseAfter, last));
                    }
                });
                return;
            }
            if (clean && out.cutByShutdown()) {
                // The body stopped because the server is stopping, not because it was done: no
                // terminating chunk, so the client can tell the answer is incomplete.
                clean = false;
                state.answerCut();
                log.info("{}: the streamed answer was cut by the shutdown; the connection is closed without "
                        + "its last chunk", request);
            }
            ChannelFuture last = clean ? out.end() : head;
            boolean reuse = keepAlive && clean;
            if (ctx.executor().inEventLoop()) {
                complete(ctx, message, reuse, last);
            } else {
                ctx.executor().execute(() -> complete(ctx, message, reuse, last));
            }
        };
        try {
            threads.streams().execute(body);
        } catch (RejectedExecutionException e) {
            log.warn("every handler thread is busy; closing the streamed answer to {}", request);
            complete(ctx, message, false, head);
        }
    }

    /**
     * The answer is queued for writing: release the request, and once the answer has been written
     * to the socket go on with the next request or close. Until then the request counts as in
     * flight, so that a shutdown waits for slow readers too.
     */
    private void complete(ChannelHandlerContext ctx, FullHttpRequest message, boolean keepAlive,
                          ChannelFuture written) {
        complete(ctx, message, keepAlive, written, false);
    }

    /**
     * As above; {@code queuedOnly}: the answer is queued in the channel, not flushed, so the next
     * request may start now (the channel's writability still bounds what is held), and what is
     * queued is flushed once nothing more follows at once.
     */
    private void complete(ChannelHandlerContext ctx, FullHttpRequest message, boolean keepAlive,
                          ChannelFuture written, boolean queuedOnly) {
        release(message);
        boolean reuse = keepAlive && !closing && !(closeAfterQueue && queue.isEmpty())
                && !(inputShutdown && queue.isEmpty());
        if (!reuse) {
            closing = true;
            drainQueue();
        }
        if (queuedOnly && reuse) {
            written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            written(ctx, true);
            if (!reading) {
                // The next answer was not ready at once (or none follows): send what is queued now.
                // Within a read, channelReadComplete does it, after the batch's other requests.
                flushQueuedAnswers(ctx);
            }
            return;
        }
        flushQueuedAnswers(ctx);
        written.addListener(future -> {
            if (ctx.executor().inEventLoop()) {
                written(ctx, future.isSuccess() && reuse);
            } else {
                ctx.executor().execute(() -> written(ctx, future.isSuccess() && reuse));
            }
        });
    }

    /** The previous answer is on the wire (or failed): next request, or close. */
    private void written(ChannelHandlerContext ctx, boolean reuse) {
        busy = false;
        streaming = false;
        state.requestFinished();
        if (!reuse) {
            closing = true;
            drainQueue();
            flushQueuedAnswers(ctx);
            if (lingerOnClose) {
                lingeringClose(ctx);
            } else {
                ctx.close();
            }
            return;
        }
        processNextIfWritable(ctx);
    }

    /**
     * Ends our side, then reads and throws away what the client still sends for a moment before
     * closing, as nginx's lingering close does: so that the client reads the answer instead of a
     * reset.
     */
    private void lingeringClose(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        StrictRequestDecoder decoder = ctx.pipeline().get(StrictRequestDecoder.class);
        if (decoder != null) {
            decoder.discardRest();
        }
        duplex.shutdownOutput().addListener(done -> {
            ctx.channel().config().setAutoRead(true);
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void processNextIfWritable(ChannelHandlerContext ctx) {
        if (busy || closing || !ctx.channel().isWritable()) {
            // A client that does not read keeps the channel unwritable: no new answer is made for it.
            return;
        }
        FullHttpRequest next = queue.poll();
        if (next != null) {
            process(ctx, next);
        }
        if (queue.size() < MAX_QUEUED / 2 && !closeAfterQueue && !inputShutdown && !closing) {
            // May decode requests that waited in the buffer, which then queue (or start, if idle).
            resumeReading(ctx);
            if (!reading) {
                // Decoding them is a read without a channelReadComplete: their answers go now.
                flushQueuedAnswers(ctx);
            }
        }
        if (!busy && queue.isEmpty() && !closing && (closeAfterQueue || inputShutdown)) {
            closing = true;
            flushQueuedAnswers(ctx);
            ctx.close();
        }
    }

    private static void pauseReading(ChannelHandlerContext ctx) {
        StrictRequestDecoder decoder = ctx.pipeline().get(StrictRequestDecoder.class);
        if (decoder != null) {
            decoder.pause(ctx);
        } else {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private static void resumeReading(ChannelHandlerContext ctx) {
        StrictRequestDecoder decoder = ctx.pipeline().get(StrictRequestDecoder.class);
        if (decoder != null) {
            decoder.resume(ctx);
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            processNextIfWritable(ctx);
        }
        super.channelWritabilityChanged(ctx);
    }

    private void drainQueue() {
        FullHttpRequest queued;
        while ((queued = queue.poll()) != null) {
            release(queued);
        }
    }

    /** Releases a request and gives its body's bytes back to the budget. */
    private void release(FullHttpRequest message) {
        bodies.release(message.content().readableBytes() + SpooledRequest.spooledBytes(message));
        message.release();
    }

    /**
     * Whether the connection may become a WebSocket now: admitted, idle, and not closing (a
     * handshake pipelined behind other requests is routed as an ordinary request instead).
     */
    boolean mayUpgrade() {
        return admitted && !busy && queue.isEmpty() && !closing && !state.shuttingDown();
    }

    /** The connection became a WebSocket: from now on this only counts it, and frees its place when it closes. */
    void upgraded() {
        sawRequest = true;
        closing = true;
    }

    /** Whether a request is being handled; idle and shutdown logic must not cut it off. */
    boolean busy() {
        return busy || !queue.isEmpty();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            // The idle handler observes output: these fire only when nothing was read and nothing
            // of the pending output went out. Unread output counts as idle; a handler at work does not.
            boolean unreadOutput = pendingOutputBytes(ctx) > 0;
            if (idle.state() == IdleState.WRITER_IDLE && unreadOutput) {
                log.debug("closing {}: the client has not read its answer for settings().writeTimeout() ({})",
                        ctx.channel().remoteAddress(), service.settings().writeTimeout());
                ctx.close();
            } else if (idle.state() == IdleState.ALL_IDLE && (!busy() || unreadOutput)) {
                log.debug("closing idle connection {}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            ctx.channel().config().setAutoRead(false);
            // A streamed answer has no end to wait for: the client's FIN means it has gone.
            if (!busy() || (closing && lingerOnClose) || streaming) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private static long pendingOutputBytes(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        admitted = false;
        admission.release();
        closing = true;
        drainQueue();
        bodies.releaseAll();
        Exchange waiting = pending;
        if (waiting != null) {
            waiting.cancel();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The client went away (mid-request, too): nothing to answer and nothing wrong here.
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("connection {} failed; closing it", ctx.channel().remoteAddress(), LogSafe.throwable(cause));
        }
        ctx.close();
    }
}
