package io.microflask.server;

import io.microflask.Response;
import io.microflask.Settings;
import io.microflask.util.LogSafe;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Takes WebSocket handshakes (RFC 6455 4.2) for the app's endpoints, between the body aggregator
 * and the {@link ConnectionHandler}; every other request passes on untouched. A request with
 * {@code Upgrade: websocket} for an endpoint's path is checked (method, version, key, origin),
 * answered 101, and its connection's pipeline becomes a WebSocket one: Netty's frame decoder and
 * encoder, a UTF-8 check, a message aggregator and a {@link ServerWebSocket}. A bad handshake gets
 * 400 (426 for another protocol version), an origin that is not allowed 403, each from the app's
 * error page ({@link RequestService#reject}), and the connection is closed.
 */
final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final RequestService service;
    private final HandlerThreads threads;
    private final ServerState state;
    private final ResponseWriter writer;

    WebSocketUpgrade(RequestService service, HandlerThreads threads, ServerState state, boolean zeroCopyFiles) {
        this.service = service;
        this.threads = threads;
        this.state = state;
        this.writer = new ResponseWriter(zeroCopyFiles, service.settings());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest message) || !asksForWebSocket(message)
                || !message.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ConnectionHandler connection = ctx.pipeline().get(ConnectionHandler.class);
        if (connection == null || !connection.mayUpgrade()) {
            ctx.fireChannelRead(msg); // answered as an ordinary request: 503 over the cap, or in its turn
            return;
        }
        // A copy without the body, so that the endpoint can keep the request after the message is released.
        FullHttpRequest kept = new DefaultFullHttpRequest(message.protocolVersion(), message.method(), message.uri(),
                Unpooled.EMPTY_BUFFER, message.headers().copy(), EmptyHttpHeaders.INSTANCE);
        IncomingRequest request;
        try {
            request = RequestParser.parse(kept, ctx.channel().remoteAddress(), ctx.channel().localAddress(),
                    service.settings(), service.debug(), TlsChannels.isSecure(ctx.channel()),
                    RequestIds.of(kept.headers(), ctx.channel().remoteAddress(), service.settings()));
        } catch (RuntimeException badTargetOrHost) {
            ctx.fireChannelRead(msg); // the connection handler answers 400 with the reason
            return;
        }
        WebSocketEndpoint endpoint = service.webSocket(request);
        if (endpoint == null) {
            ctx.fireChannelRead(msg); // no endpoint here: an ordinary request (404, or a route's answer)
            return;
        }
        try {
            String problem = handshakeProblem(message);
            if (problem != null) {
                refuse(ctx, request, 400, "Bad WebSocket handshake: " + problem + ".", null);
                return;
            }
            String version = message.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
            if (!"13".equals(version == null ? null : version.trim())) {
                refuse(ctx, request, 426, "This server speaks WebSocket version 13 only (Sec-WebSocket-Version: "
                        + LogSafe.text(String.valueOf(version)) + ").", "13");
                return;
            }
            String origin = message.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !originAllowed(origin, request.host(), service.settings())) {
                log.info("refused a WebSocket to {} from a page of {}: not this app's origin nor in "
                        + "settings().webSocketAllowedOrigins()", request, LogSafe.text(origin));
                refuse(ctx, request, 403, "WebSockets from pages of " + LogSafe.text(origin)
                        + " are not allowed here (the app's settings().webSocketAllowedOrigins() may allow it).", null);
                return;
            }
            upgrade(ctx, connection, message, endpoint);
        } finally {
            message.release();
        }
    }

    private static boolean asksForWebSocket(FullHttpRequest message) {
        String upgrade = message.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
    }

    /** What makes the handshake invalid, or {@code null}; the version is checked apart (426). */
    private static String handshakeProblem(FullHttpRequest message) {
        if (!message.method().equals(HttpMethod.GET)) {
            return "the method must be GET, not " + LogSafe.text(message.method().name());
        }
        if (!message.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return "it needs HTTP/1.1";
        }
        if (!message.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return "'Connection: Upgrade' is missing";
        }
        String key = message.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null) {
            return "Sec-WebSocket-Key is missing";
        }
        try {
            if (Base64.getDecoder().decode(key.trim()).length != 16) {
                return "Sec-WebSocket-Key must be 16 bytes in base64";
            }
        } catch (IllegalArgumentException e) {
            return "Sec-WebSocket-Key is not base64";
        }
        return null;
    }

    /**
     * Same origin (the {@code Origin}'s host and port are the host the request asked for), or one
     * the settings allow. Schemes are not compared: behind a TLS proxy a page of https://host opens
     * ws to the same host.
     */
    static boolean originAllowed(String origin, String host, Settings settings) {
        for (String allowed : settings.webSocketAllowedOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin.trim())) {
                return true;
            }
        }
        try {
            URI uri = new URI(origin.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String originHost = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (port == -1 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
                port = -1;
            }
            return withoutDefaultPort(host).equals(port == -1 ? originHost : originHost + ":" + port);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String withoutDefaultPort(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.endsWith(":80") || lower.endsWith(":443")) {
            return lower.substring(0, lower.lastIndexOf(':'));
        }
        return lower;
    }

    private void refuse(ChannelHandlerContext ctx, IncomingRequest request, int status, String text,
                        String supportedVersion) {
        log.debug("refused the WebSocket handshake {} from {} with {}: {}", request, ctx.channel().remoteAddress(),
                status, text);
        Response response = service.reject(status, text, request);
        if (supportedVersion != null) {
            response.header("Sec-WebSocket-Version", supportedVersion);
        }
        ChannelFuture written;
        try {
            written = writer.write(ctx, response, HttpVersion.HTTP_1_1, false, false);
        } catch (IOException | RuntimeException e) {
            response.releaseBody();
            written = ctx.newSucceededFuture();
        }
        written.addListener(ChannelFutureListener.CLOSE);
    }

    private void upgrade(ChannelHandlerContext ctx, ConnectionHandler connection, FullHttpRequest message,
                         WebSocketEndpoint endpoint) throws NoSuchAlgorithmException {
        Settings settings = service.settings();
        FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS);
        switching.headers()
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT,
                        accept(message.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY).trim()));
        connection.upgraded();
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get("idle") != null) {
            pipeline.remove("idle"); // the WebSocket pings and times out idle clients itself
        }
        // The 101 still goes through the HTTP encoder, which is removed once it is out.
        ctx.writeAndFlush(switching).addListener(done -> {
            if (pipeline.get("encoder") != null) {
                pipeline.remove("encoder");
            }
        });
        pipeline.remove(BodyReceiver.class);
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                // A single frame is a whole message, which the aggregator does not measure.
                .maxFramePayloadLength(Math.min(settings.webSocketMaxFrameSize(), settings.webSocketMaxMessageSize()))
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                // ServerWebSocket sends the close frame: Netty's sends none after a bad close frame.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(true)
                .build();
        // Bytes the client sent after the handshake, still in the HTTP decoder, go on to the frame decoder.
        pipeline.replace(StrictRequestDecoder.class, "ws-decoder", new WebSocket13FrameDecoder(decoderConfig));
        pipeline.addBefore("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(false));
        pipeline.addAfter("ws-decoder", "ws-utf8", new Utf8FrameValidator(false));
        pipeline.addAfter("ws-utf8", "ws-aggregator", new WebSocketFrameAggregator(settings.webSocketMaxMessageSize()));
        pipeline.replace(this, "websocket", new ServerWebSocket(ctx.channel(), endpoint, settings, state, threads));
        log.debug("WebSocket {} opened for {}", ctx.channel().id().asShortText(), endpoint.route());
    }

    /** {@code Sec-WebSocket-Accept}: base64 of the SHA-1 of the key and the protocol's GUID. */
    private static String accept(String key) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }
}
