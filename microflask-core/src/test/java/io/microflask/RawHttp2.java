package io.microflask;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw cleartext HTTP/2 connection (prior knowledge) for tests that must send exactly the frames
 * they mean, floods included: frames are made by hand, header blocks with Netty's HPACK encoder.
 */
final class RawHttp2 implements AutoCloseable {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;

    /** One frame read from the server. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        /** The error code of a GOAWAY or RST_STREAM frame. */
        int errorCode() {
            int offset = type == GOAWAY ? 4 : 0;
            return ((payload[offset] & 0xFF) << 24) | ((payload[offset + 1] & 0xFF) << 16)
                    | ((payload[offset + 2] & 0xFF) << 8) | (payload[offset + 3] & 0xFF);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1 << 20);
    private final String authority;

    /** Connects, sends the preface and an empty SETTINGS frame. */
    RawHttp2(int port) throws IOException {
        this(port, 0);
    }

    /** As {@link #RawHttp2(int)}, with a small receive buffer when {@code receiveBuffer} > 0 (a client that reads slowly). */
    RawHttp2(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new DataInputStream(socket.getInputStream());
        authority = "127.0.0.1:" + port;
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
        flush();
    }

    /** Writes one frame (buffered; see {@link #flush()}). */
    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        int length = payload.length;
        out.write(new byte[]{(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The HPACK block of a request's headers, plus {@code extra} name/value pairs. */
    byte[] headerBlock(int stream, String method, String path, String... extra) throws Exception {
        Http2Headers headers = new DefaultHttp2Headers().method(method).path(path).scheme("http").authority(authority);
        for (int i = 0; i < extra.length; i += 2) {
            headers.add(extra[i], extra[i + 1]);
        }
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.encodeHeaders(stream, headers, block);
            return ByteBufUtil.getBytes(block);
        } finally {
            block.release();
        }
    }

    /** Sends a whole request with no body on {@code stream}. */
    void get(int stream, String path, String... extra) throws Exception {
        frame(HEADERS, END_HEADERS | END_STREAM, stream, headerBlock(stream, "GET", path, extra));
        flush();
    }

    /** The next frame, or {@code null} when the server closed the connection. */
    Frame read() throws IOException {
        byte[] head = new byte[9];
        try {
            in.readFully(head);
        } catch (EOFException | java.net.SocketException closed) {
            return null;
        }
        int length = ((head[0] & 0xFF) << 16) | ((head[1] & 0xFF) << 8) | (head[2] & 0xFF);
        int stream = ((head[5] & 0x7F) << 24) | ((head[6] & 0xFF) << 16) | ((head[7] & 0xFF) << 8) | (head[8] & 0xFF);
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException | java.net.SocketException closed) {
            return null;
        }
        return new Frame(head[3] & 0xFF, head[4] & 0xFF, stream, payload);
    }

    /** The headers of a HEADERS frame. */
    Http2Headers headers(Frame frame) throws Exception {
        ByteBuf block = Unpooled.wrappedBuffer(frame.payload());
        try {
            return decoder.decodeHeaders(frame.stream(), block);
        } finally {
            block.release();
        }
    }

    /**
     * Reads until {@code stream} ends, acknowledging the server's SETTINGS; returns its status and
     * body as {@code "200 hello"}, or {@code "RST n"} when it was reset, or {@code "GOAWAY n"} /
     * {@code "closed"} when the connection ended first. Frames of other streams are kept for
     * their own call (every header block is decoded in order: HPACK's table depends on it).
     */
    String answer(int stream) throws Exception {
        while (!finished.containsKey(stream)) {
            Frame frame;
            try {
                frame = read();
            } catch (SocketTimeoutException e) {
                return "timeout";
            }
            if (frame == null) {
                return "closed";
            }
            int id = frame.stream();
            if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
                frame(SETTINGS, ACK, 0, new byte[0]);
                flush();
            } else if (frame.type() == GOAWAY && !statuses.containsKey(stream)) {
                return "GOAWAY " + frame.errorCode();
            } else if (frame.type() == HEADERS) {
                Http2Headers decoded = headers(frame);
                statuses.putIfAbsent(id, decoded.status() == null ? null : decoded.status().toString());
            } else if (frame.type() == DATA) {
                bodies.computeIfAbsent(id, k -> new StringBuilder())
                        .append(new String(frame.payload(), StandardCharsets.UTF_8));
            } else if (frame.type() == RST_STREAM) {
                finished.put(id, "RST " + frame.errorCode());
            }
            if ((frame.flags() & END_STREAM) != 0 && (frame.type() == HEADERS || frame.type() == DATA)) {
                StringBuilder body = bodies.get(id);
                finished.put(id, statuses.get(id) + (body != null && body.length() > 0 ? " " + body : ""));
            }
        }
        return finished.get(stream);
    }

    private final java.util.Map<Integer, String> statuses = new java.util.HashMap<>();
    private final java.util.Map<Integer, StringBuilder> bodies = new java.util.HashMap<>();
    private final java.util.Map<Integer, String> finished = new java.util.HashMap<>();

    /**
     * Reads until the server closes the connection; the GOAWAY error code it sent, or -1 when it
     * closed without one; "timeout" (an exception) when it stays open past the socket timeout.
     */
    int readUntilClosed() throws IOException {
        int goAway = -1;
        while (true) {
            Frame frame = read();
            if (frame == null) {
                return goAway;
            }
            if (frame.type() == GOAWAY) {
                goAway = frame.errorCode();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
