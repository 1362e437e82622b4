package io.microflask.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Drops the {@code x-http2-*} headers Netty's stream codec adds to a converted request: the scheme
 * there is the client's claim (the server decides it from the connection) and the stream id is
 * no business of the app's. A client that sends them itself over HTTP/2 loses them too.
 */
final class Http2RequestCleaner extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.PATH.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_DEPENDENCY_ID.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_WEIGHT.text());
            request.headers().remove(HttpConversionUtil.ExtensionHeaderNames.STREAM_PROMISE_ID.text());
        }
        ctx.fireChannelRead(msg);
    }
}
