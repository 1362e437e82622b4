package io.microflask.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick: the bench endpoints written on Netty alone, the way a careful engineer writes a
 * hello server. {@link HttpServerCodec}, no aggregator, constant headers pre-built as
 * {@link AsciiString}, answers written on the event loop and flushed once per read batch. The JSON
 * is serialised per request with Jackson, like the framework's.
 *
 * <p>{@code java -cp benchmarks.jar io.microflask.bench.RawNettyServer [port]}; tests start it with
 * {@link #start(String, int)}.
 */
public final class RawNettyServer implements AutoCloseable {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final byte[] HELLO = "Hello, World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final ObjectWriter JSON = JsonMapper.builder().build().writer();

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private RawNettyServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        RawNettyServer server = start("127.0.0.1", port);
        System.out.println("raw Netty listening on http://127.0.0.1:" + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "raw-netty-shutdown"));
        server.channel.closeFuture().sync();
    }

    /** Binds {@code host:port} (0 for any free port) with epoll where the platform has it, else NIO. */
    public static RawNettyServer start(String host, int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, io);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec()).addLast(new HelloHandler());
                        }
                    })
                    .bind(host, port).sync().channel();
            return new RawNettyServer(boss, workers, channel);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public record Message(String message) {
    }

    public record User(int id, String name) {
    }

    static final class HelloHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
            try {
                if (msg instanceof HttpRequest request) {
                    answer(ctx, request);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static void answer(ChannelHandlerContext ctx, HttpRequest request) throws IOException {
            String uri = request.uri();
            FullHttpResponse response;
            if (request.method() != HttpMethod.GET) {
                response = respond(HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT_PLAIN, Unpooled.EMPTY_BUFFER);
            } else if (uri.equals("/plaintext")) {
                response = respond(HttpResponseStatus.OK, TEXT_PLAIN, Unpooled.wrappedBuffer(HELLO));
            } else if (uri.equals("/json")) {
                response = respond(HttpResponseStatus.OK, APPLICATION_JSON,
                        Unpooled.wrappedBuffer(JSON.writeValueAsBytes(new Message("Hello, World!"))));
            } else if (uri.startsWith("/user/") && isDigits(uri, 6)) {
                int id = Integer.parseInt(uri, 6, uri.length(), 10);
                response = respond(HttpResponseStatus.OK, APPLICATION_JSON,
                        Unpooled.wrappedBuffer(JSON.writeValueAsBytes(new User(id, "User " + id))));
            } else {
                response = respond(HttpResponseStatus.NOT_FOUND, TEXT_PLAIN, Unpooled.EMPTY_BUFFER);
            }
            if (HttpUtil.isKeepAlive(request)) {
                ctx.write(response, ctx.voidPromise());
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        }

        private static boolean isDigits(String text, int from) {
            int length = text.length() - from;
            if (length < 1 || length > 9) {
                return false;
            }
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        private static FullHttpResponse respond(HttpResponseStatus status, AsciiString type, ByteBuf body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, false);
            HttpHeaders headers = response.headers();
            headers.set(HttpHeaderNames.CONTENT_TYPE, type);
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return response;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
