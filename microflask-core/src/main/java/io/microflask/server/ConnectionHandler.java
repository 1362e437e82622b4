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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's requests. Each is handed to a handler thread; answers go back in the order the
 * requests came (HTTP/1.1 pipelining), one request at a time per connection. Malformed requests
 * are answered 400/414/431 and the connection closed, since the decoder cannot find where the
 * next request starts.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final Logger access = LoggerFactory.getLogger("io.microflask.access");
    /** Pipelined requests waiting beyond this stop reads until the queue drains. */
    private static final int MAX_QUEUED = 16;

    private final RequestService service;
    private final Executor executor;
    private final ServerState state;
    private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;
    /** Counted against {@code Settings.maxConnections()}; an uncounted connection is over the cap. */
    private boolean admitted;
    private boolean admissionDecided;
    private boolean sawRequest;

    private final ResponseWriter writer;

    ConnectionHandler(RequestService service, Executor executor, ServerState state, ResponseWriter writer) {
        this.service = service;
        this.writer = writer;
        this.executor = executor;
        this.state = state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        state.connectionOpened(ctx.channel());
        admit(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            // An accepted socket, and EmbeddedChannel in process, are active before the pipeline is built.
            admit(ctx);
        }
    }

    private void admit(ChannelHandlerContext ctx) {
        if (admissionDecided) {
            return;
        }
        admissionDecided = true;
        admitted = state.admitConnection(service.settings().maxConnections());
        if (!admitted) {
            if (state.shouldWarnAboutCapacity()) {
                log.warn("{} connections are open, the most settings().maxConnections() allows; new connections "
                        + "are answered 503 (this is logged at most every 10 s)", service.settings().maxConnections());
            }
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
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            request.release();
            return;
        }
        if (busy) {
            queue.add(request);
            if (queue.size() >= MAX_QUEUED) {
                ctx.channel().config().setAutoRead(false);
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
        try {
            request = RequestParser.parse(message, ctx.channel().remoteAddress(), ctx.channel().localAddress(),
                    service.settings(), service.debug());
        } catch (RuntimeException e) {
            unparsable = e;
        }
        if (!admitted) {
            answerError(ctx, message, request, 503,
                    "The server has too many connections open; try again in a moment.", true);
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
        long started = System.nanoTime();
        try {
            executor.execute(() -> {
                Response response = service.answer(parsed);
                if (ctx.executor().inEventLoop()) {
                    finish(ctx, message, parsed, response, started);
                } else {
                    ctx.executor().execute(() -> finish(ctx, message, parsed, response, started));
                }
            });
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
        if (cause instanceof ClientTooSlowException) {
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
        }
        finish(ctx, message, request, response, System.nanoTime());
    }

    private void finish(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request, Response response,
                        long started) {
        boolean keepAlive = !closing && !state.shuttingDown() && HttpUtil.isKeepAlive(message)
                && message.decoderResult().isSuccess();
        boolean head = message.method().equals(HttpMethod.HEAD);
        // Answers are HTTP/1.1 unless the client spoke HTTP/1.0; never an echo of an unknown version.
        HttpVersion version = message.protocolVersion().equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0
                : HttpVersion.HTTP_1_1;
        if (response.streamingBody() != null && !head) {
            logAccess(message, response, started);
            stream(ctx, message, request, response, version,
                    keepAlive && version.equals(HttpVersion.HTTP_1_1));
            return;
        }
        ChannelFuture written;
        try {
            written = writer.write(ctx, response, version, head, keepAlive);
        } catch (IOException | RuntimeException e) {
            log.error("could not write the answer to {}: {}", request, LogSafe.text(e), e);
            response.releaseBody();
            keepAlive = false;
            written = ctx.newSucceededFuture();
        }
        logAccess(message, response, started);
        complete(ctx, message, keepAlive, written);
    }

    private void logAccess(FullHttpRequest message, Response response, long started) {
        if (access.isDebugEnabled() || (service.debug() && access.isInfoEnabled())) {
            String line = "{} {} {} {}ms";
            Object[] args = {LogSafe.text(message.method().name()), LogSafe.text(message.uri()), response.status(),
                    (System.nanoTime() - started) / 1_000_000};
            if (service.debug()) {
                access.info(line, args);
            } else {
                access.debug(line, args);
            }
        }
    }

    /**
     * Sends the head of a streamed answer, then runs its body on a handler thread; the request
     * stays in flight (and the connection busy) until the body returns.
     */
    private void stream(ChannelHandlerContext ctx, FullHttpRequest message, IncomingRequest request, Response response,
                        HttpVersion version, boolean keepAlive) {
        ChannelFuture head = writer.writeStreamHead(ctx, response, version, keepAlive);
        ChannelResponseStream out = new ChannelResponseStream(ctx, state);
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
                        request, failure);
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
            executor.execute(body);
        } catch (RejectedExecutionException e) {
            log.warn("every handler thread is busy; closing the streamed answer to {}", request);
            complete(ctx, message, false, head);
        }
    }

    /** The request is answered: release it, and go on with the next one or close. */
    private void complete(ChannelHandlerContext ctx, FullHttpRequest message, boolean keepAlive,
                          ChannelFuture written) {
        message.release();
        busy = false;
        state.requestFinished();
        if (!keepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
            drainQueue();
            return;
        }
        FullHttpRequest next = queue.poll();
        if (queue.size() < MAX_QUEUED / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (next != null) {
            process(ctx, next);
        }
    }

    private void drainQueue() {
        FullHttpRequest queued;
        while ((queued = queue.poll()) != null) {
            queued.release();
        }
    }

    /** Whether a request is being handled; idle and shutdown logic must not cut it off. */
    boolean busy() {
        return busy || !queue.isEmpty();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (!busy()) {
                log.debug("closing idle connection {}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (admitted) {
            admitted = false;
            state.connectionClosed();
        }
        closing = true;
        drainQueue();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The client went away (mid-request, too): nothing to answer and nothing wrong here.
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
