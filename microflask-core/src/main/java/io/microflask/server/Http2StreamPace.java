package io.microflask.server;

import io.microflask.Settings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1's slow-body rule on one HTTP/2 stream: once {@code settings().bodyRateGracePeriod()}
 * has passed, a request body must keep arriving at {@code minBodyRate()} over the last
 * {@code bodyRateWindow()}, or the request is answered 408, as {@link StrictRequestDecoder} does
 * on a connection, and the rest of its body is dropped; the connection's other streams go on.
 * (There is no head timeout here: a stream's headers arrive whole, in one header block that the
 * codec bounds, and the connection's idle timeout covers a client that sends nothing.)
 */
final class Http2StreamPace extends ChannelInboundHandlerAdapter implements ClientPace.Cutoff {
    private static final Logger log = LoggerFactory.getLogger(Http2StreamPace.class);

    private final ClientPace pace;
    private boolean discarding;

    Http2StreamPace(Settings settings) {
        this.pace = new ClientPace(settings, this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest) {
            pace.headDecoded();
        }
        if (msg instanceof HttpContent content) {
            pace.bodyReceived(content.content().readableBytes());
        }
        if (msg instanceof LastHttpContent) {
            pace.requestDecoded();
        } else if (msg instanceof HttpRequest) {
            pace.awaitingBody(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pace.stop();
        super.channelInactive(ctx);
    }

    @Override
    public void headTooSlow(ChannelHandlerContext ctx) {
        // Not armed on a stream (see the class comment).
    }

    @Override
    public void bodyTooSlow(ChannelHandlerContext ctx, long bytes, long elapsedMillis) {
        discarding = true;
        pace.stop();
        log.debug("HTTP/2 stream {}: the request body arrived too slowly ({} bytes in {} ms); answering 408",
                ctx.channel(), bytes, elapsedMillis);
        ctx.fireChannelRead(ClientTooSlowException.bodyTooSlowMarker(bytes, elapsedMillis));
    }
}
