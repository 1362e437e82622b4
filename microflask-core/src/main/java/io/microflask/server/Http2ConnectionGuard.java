package io.microflask.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * What {@link ConnectionHandler} does for an HTTP/1.1 connection, for an HTTP/2 connection as a
 * whole: it counts against the connection caps (a connection over them is closed with GOAWAY),
 * it is known to the server's shutdown (which ends it gracefully with GOAWAY, letting its streams
 * finish), it is closed when idle with no stream open, and when the client does not read what it
 * is sent within {@code settings().writeTimeout()}.
 */
final class Http2ConnectionGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Http2ConnectionGuard.class);

    private final RequestService service;
    private final ServerState state;
    private final Http2FrameCodec codec;
    private final ConnectionAdmission admission;
    private boolean goingAway;

    Http2ConnectionGuard(RequestService service, ServerState state, Http2FrameCodec codec) {
        this.service = service;
        this.state = state;
        this.codec = codec;
        this.admission = new ConnectionAdmission(state);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        state.connectionOpened(ctx.channel());
        if (!admission.admit(ctx.channel(), service.settings())) {
            goAway(ctx);
        }
    }

    /** Whether no stream is open: the connection can go at once at shutdown. */
    boolean idle() {
        return codec.connection().numActiveStreams() == 0;
    }

    /**
     * Starts a graceful close: GOAWAY now, the close once the open streams end (or after
     * {@code settings().shutdownTimeout()}). Called on the connection's event loop; once only.
     */
    void goAway(ChannelHandlerContext ctx) {
        if (!goingAway) {
            goingAway = true;
            ctx.channel().close();
        }
    }

    /** {@link #goAway} from any thread. */
    void goAwayLater(ChannelHandlerContext ctx) {
        ctx.executor().execute(() -> goAway(ctx));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
            boolean unreadOutput = buffer != null && buffer.totalPendingWriteBytes() > 0;
            if (idle.state() == IdleState.WRITER_IDLE && unreadOutput) {
                log.debug("closing HTTP/2 connection {}: the client has not read for settings().writeTimeout() ({})",
                        ctx.channel().remoteAddress(), service.settings().writeTimeout());
                // Not the graceful close: it would wait for streams this client will never read.
                ctx.pipeline().firstContext().close();
            } else if (idle.state() == IdleState.ALL_IDLE && (idle() || unreadOutput)) {
                log.debug("closing idle HTTP/2 connection {}", ctx.channel().remoteAddress());
                goAway(ctx);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        admission.release();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2Exception) {
            // A protocol error or a flood the codec caught: it answers with GOAWAY (ENHANCE_YOUR_CALM,
            // PROTOCOL_ERROR...) and closes; closing here first would send a friendlier NO_ERROR.
            log.debug("HTTP/2 connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            return;
        }
        if (cause instanceof IOException) {
            log.debug("HTTP/2 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("HTTP/2 connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
