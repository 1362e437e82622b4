package io.microflask.server;

import io.microflask.util.ClientAllowList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Enforces a {@link ClientAllowList} on one connection. An allowed client's connection drops this
 * handler at once, so it costs nothing per request; a refused client gets a 403 to its first
 * request and the connection is closed, so a developer testing from a phone sees why instead of a
 * silent reset.
 */
public final class AllowListHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AllowListHandler.class);

    private final ClientAllowList allowList;
    private boolean refused;
    private boolean answered;

    /** A handler that answers 403 to clients outside {@code allowList} and closes their connection. */
    public AllowListHandler(ClientAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null
                && !allowList.allows(inet.getAddress())) {
            refused = true;
            log.info("refused a connection from {}: not in the client allow-list ({}); allow it with "
                    + "app.settings().allowClients(...)", inet.getAddress().getHostAddress(), allowList);
        }
        super.channelActive(ctx);
        if (!refused) {
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!refused) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        if (msg instanceof HttpRequest && !answered) {
            answered = true;
            ctx.writeAndFlush(forbidden()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse forbidden() {
        ByteBuf body = Unpooled.copiedBuffer("403 Forbidden: this server accepts requests only from the networks it "
                + "was configured to allow, and your address is not one of them.\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.FORBIDDEN, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.DATE, DateHeader.now());
        return response;
    }
}
