package io.microflask.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator, except that a body over the limit does not get Netty's bare 413: the
 * request is passed on marked as too large, so the app answers it in order, with its own error
 * page (JSON for API clients), and the connection is then closed. The same holds for a request
 * that announces an oversized body with {@code Expect: 100-continue}: it gets the 413 instead of
 * the 100, so the client never sends the body.
 */
final class BodyAggregator extends HttpObjectAggregator {
    private final long limit;

    BodyAggregator(int maxContentLength) {
        super(maxContentLength, true);
        this.limit = maxContentLength;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (start.decoderResult().isFailure()) {
            // A request that will be answered 400 must not be invited to send its body; its headers
            // may not even parse (Netty's own check would throw on a bad Content-Length).
            return null;
        }
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            // No bare 413 from Netty: the aggregator then finds the length invalid and calls
            // handleOversizedMessage, so the app answers 413 in order.
            start.headers().remove(HttpHeaderNames.EXPECT);
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
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
