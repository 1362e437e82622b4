package io.microflask.server;

import io.microflask.util.HostNames;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.nio.charset.StandardCharsets;

/**
 * The cleartext listener of {@code settings().httpRedirectPort()}: every request is answered 308
 * with the same host and path on the HTTPS port, and the connection closed. Nothing of the app
 * runs here, so nothing is ever served over cleartext.
 */
final class HttpsRedirect {
    private HttpsRedirect() {
    }

    static Channel bind(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channelType,
                        String host, int port, int httpsPort) {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new ReadTimeoutHandler(10));
                        channel.pipeline().addLast(new HttpServerCodec(8192, 16 * 1024, 8192));
                        channel.pipeline().addLast(new Redirector(httpsPort));
                    }
                })
                .bind(host, port).syncUninterruptibly().channel();
    }

    /** Where {@code request} goes on HTTPS, or {@code null} when its Host is missing or not a host. */
    static String location(HttpRequest request, int httpsPort) {
        String hostHeader = request.headers().get(HttpHeaderNames.HOST);
        HostNames.HostAndPort hostAndPort = hostHeader == null ? null : HostNames.parse(hostHeader);
        String target = request.uri();
        if (hostAndPort == null || !target.startsWith("/")) {
            return null;
        }
        String authority = httpsPort == 443 ? hostAndPort.name() : hostAndPort.name() + ":" + httpsPort;
        return "https://" + authority + target;
    }

    private static final class Redirector extends SimpleChannelInboundHandler<Object> {
        private final int httpsPort;

        Redirector(int httpsPort) {
            this.httpsPort = httpsPort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpRequest request)) {
                return;
            }
            String location = request.decoderResult().isSuccess() ? location(request, httpsPort) : null;
            FullHttpResponse response;
            if (location == null) {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                        Unpooled.copiedBuffer("Bad request: this port redirects to HTTPS and needs a valid Host.\n",
                                StandardCharsets.US_ASCII));
            } else {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PERMANENT_REDIRECT,
                        Unpooled.EMPTY_BUFFER);
                response.headers().set(HttpHeaderNames.LOCATION, location);
            }
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
