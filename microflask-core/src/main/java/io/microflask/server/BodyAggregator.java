package io.microflask.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Netty's aggregator, except that a body over the limit does not get Netty's bare 413: the
 * request is passed on marked as too large, so the app answers it in order, with its own error
 * page (JSON for API clients), and the connection is then closed.
 */
final class BodyAggregator extends HttpObjectAggregator {
    private final long limit;

    BodyAggregator(int maxContentLength) {
        super(maxContentLength, true);
        this.limit = maxContentLength;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            DefaultFullHttpRequest marker = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                    request.uri(), Unpooled.EMPTY_BUFFER, request.headers().copy(), EmptyHttpHeaders.INSTANCE);
            marker.setDecoderResult(DecoderResult.failure(new RequestTooLargeException(limit)));
            ctx.fireChannelRead(marker);
        } else {
            ctx.close();
        }
    }
}
