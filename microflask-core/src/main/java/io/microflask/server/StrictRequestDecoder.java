package io.microflask.server;

import io.microflask.Settings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.List;

/**
 * Netty's request decoder, made strict so that no request can be read two ways (request
 * smuggling): a message with both {@code Transfer-Encoding} and {@code Content-Length}, duplicate
 * or malformed lengths, a transfer coding other than {@code chunked}, folded or control-character
 * headers, and an HTTP/1.1 request without exactly one {@code Host} become decoder failures, which
 * the connection answers 400 before closing. After a failure the rest of the connection's bytes
 * are discarded unread.
 *
 * <p>It also reports the pace of each request to {@link ClientPace}: the decoder is the one place
 * that knows when a head starts and ends and how many body bytes it consumed.
 */
final class StrictRequestDecoder extends HttpRequestDecoder implements ClientPace.Cutoff {
    private enum Phase { IDLE, HEAD, BODY }

    private final HeadScanner scanner = new HeadScanner();
    private final ClientPace pace;
    private final ServerState state;
    private final BodyBudget.Account bodies;
    private Phase phase = Phase.IDLE;
    private boolean discarding;
    /** The connection has enough requests waiting: the next one stays unread in the buffer. */
    private boolean paused;

    StrictRequestDecoder(Settings settings, ServerState state, BodyBudget.Account bodies) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxInitialLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(true))
                .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(true)));
        this.pace = new ClientPace(settings, this);
        this.state = state;
        this.bodies = bodies;
    }

    /** Whether a request is partly received: its head or body is still arriving. */
    boolean receiving() {
        return phase != Phase.IDLE && !discarding;
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new MalformedRequestException("the request has both Transfer-Encoding and Content-Length; "
                + "send one of them");
    }

    /**
     * Stops decoding new requests: what has arrived stays in the buffer, reads stop, and the
     * client's sends back up into its own socket. A request already begun is decoded to its end.
     */
    void pause(ChannelHandlerContext ctx) {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Nothing more is decoded: what the client still sends is read and thrown away. */
    void discardRest() {
        paused = false;
        stopReceiving();
    }

    /** Decodes again, starting with what waited in the buffer, and reads again. */
    void resume(ChannelHandlerContext ctx) {
        if (!paused) {
            return;
        }
        paused = false;
        // An empty read makes the decoder go through what it holds.
        ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
        if (!paused) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (paused && phase == Phase.IDLE) {
            return;
        }
        if (phase == Phase.IDLE && in.isReadable()) {
            beginHead();
        }
        Phase before = phase;
        int start = in.readerIndex();
        int produced = out.size();
        super.decode(ctx, in, out);
        int consumed = in.readerIndex() - start;
        if (before == Phase.HEAD) {
            // Netty consumes a head line by line, so every byte is scanned exactly once.
            scanner.scan(in, start, consumed);
        } else if (before == Phase.BODY) {
            pace.bodyReceived(consumed);
        }
        for (int i = produced; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest request) {
                check(request);
                moveTo(Phase.BODY);
                pace.headDecoded();
                BodyReceiver receiver = ctx.pipeline().get(BodyReceiver.class);
                if (receiver != null && request.decoderResult().isSuccess()) {
                    // A route with a large limit of its own may take the budget that far (BodyBudget).
                    bodies.allow(receiver.routeLimit(request));
                }
            }
            if (decoded instanceof DecoderResultProvider result && result.decoderResult().isFailure()) {
                giveUp(in);
                return;
            }
            if (decoded instanceof HttpContent content && !bodies.add(content.content().readableBytes())) {
                // The server holds all the body bytes it may: this request is answered 503 in its turn.
                for (int j = out.size() - 1; j >= i; j--) {
                    ReferenceCountUtil.release(out.remove(j));
                }
                DefaultLastHttpContent marker = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
                marker.setDecoderResult(DecoderResult.failure(new ServerBusyException(
                        "the server holds as many request bodies as settings().maxBufferedBodyBytes() allows ("
                                + state.bodyBudget().held() + " bytes)")));
                out.add(marker);
                bodies.requestEnded();
                giveUp(in);
                return;
            }
            if (decoded instanceof LastHttpContent) {
                moveTo(Phase.IDLE);
                pace.requestDecoded();
                bodies.requestEnded();
            }
        }
        if (phase == Phase.IDLE && in.isReadable() && !paused) {
            beginHead();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        // Timers start only for a request still incomplete after everything read so far was
        // decoded: a request that arrives whole never schedules one.
        if (!discarding && ctx.channel().isActive()) {
            if (phase == Phase.HEAD) {
                pace.awaitingHead(ctx);
            } else if (phase == Phase.BODY) {
                pace.awaitingBody(ctx);
            }
        }
        super.channelReadComplete(ctx);
    }

    private void beginHead() {
        moveTo(Phase.HEAD);
        scanner.reset();
    }

    private void moveTo(Phase next) {
        if (phase == Phase.IDLE && next != Phase.IDLE) {
            state.receivingStarted();
        } else if (phase != Phase.IDLE && next == Phase.IDLE) {
            state.receivingEnded();
        }
        phase = next;
    }

    private void giveUp(ByteBuf in) {
        stopReceiving();
        in.skipBytes(in.readableBytes());
    }

    /** Nothing more is read from this connection. */
    private void stopReceiving() {
        discarding = true;
        pace.stop();
        moveTo(Phase.IDLE);
    }

    /** Marks a decoded head as failed when its framing is ambiguous or it breaks HTTP/1.1's rules. */
    private void check(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return;
        }
        String problem = scanner.problem();
        try {
            if (problem == null) {
                problem = framingProblem(request);
            }
        } catch (UnsupportedVersionException e) {
            request.setDecoderResult(DecoderResult.failure(e));
            return;
        }
        if (problem != null) {
            request.setDecoderResult(DecoderResult.failure(new MalformedRequestException(problem)));
        }
    }

    private static String framingProblem(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (!version.protocolName().equals("HTTP") || version.majorVersion() != 1) {
            throw new UnsupportedVersionException(version.text());
        }
        HttpHeaders headers = request.headers();
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        // HTTP/1.2 and later minor versions are HTTP/1.1 to a server that knows no better (RFC 9110 2.5).
        boolean http11 = version.minorVersion() >= 1;
        if (hosts.size() > 1) {
            return "the request has " + hosts.size() + " Host headers; send exactly one";
        }
        if (http11 && hosts.isEmpty()) {
            return "an HTTP/1.1 request must have a Host header";
        }
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            if (!http11) {
                return "Transfer-Encoding is not allowed in an " + version + " request";
            }
            if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
                return "the only accepted Transfer-Encoding is 'chunked', got '" + String.join(", ", codings) + "'";
            }
            if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                return "the request has both Transfer-Encoding and Content-Length; send one of them";
            }
        }
        return null;
    }

    @Override
    public void headTooSlow(ChannelHandlerContext ctx) {
        if (discarding || phase != Phase.HEAD) {
            return;
        }
        boolean begun = scanner.sawRequestBytes() || hasRequestBytes(internalBuffer());
        stopReceiving();
        if (!begun) {
            // Blank lines only: nothing to answer; a 408 would be read as the answer to the next request.
            ctx.close();
            return;
        }
        DefaultFullHttpRequest marker = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/",
                Unpooled.EMPTY_BUFFER);
        marker.setDecoderResult(DecoderResult.failure(new ClientTooSlowException(
                "the request's headers did not arrive within " + pace.headTimeoutText())));
        ctx.fireChannelRead(marker);
    }

    @Override
    public void bodyTooSlow(ChannelHandlerContext ctx, long bytes, long elapsedMillis) {
        if (discarding || phase != Phase.BODY) {
            return;
        }
        stopReceiving();
        ctx.fireChannelRead(ClientTooSlowException.bodyTooSlowMarker(bytes, elapsedMillis));
    }

    private static boolean hasRequestBytes(ByteBuf buffer) {
        for (int i = buffer.readerIndex(); i < buffer.writerIndex(); i++) {
            byte b = buffer.getByte(i);
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Decoding what is left may start a timer; stop them after it.
        super.channelInactive(ctx);
        stopReceiving();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        stopReceiving();
        super.handlerRemoved0(ctx);
    }
}
