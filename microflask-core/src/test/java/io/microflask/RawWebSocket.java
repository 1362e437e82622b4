package io.microflask;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** A WebSocket client over a plain socket, for tests that must send frames no proper client would. */
final class RawWebSocket implements AutoCloseable {
    /** A frame the server sent. */
    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code, or -1 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Random random = new Random(21);
    private final String head;

    private RawWebSocket(Socket socket, String head) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.head = head;
    }

    /** Connects and sends {@code request} as is; the answer's head is read. */
    static RawWebSocket handshake(int port, String request) throws IOException {
        return handshake(port, request, 0);
    }

    /** As {@link #handshake(int, String)}, with a small receive buffer (a client that reads slowly) when {@code receiveBuffer} > 0. */
    static RawWebSocket handshake(int port, String request, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new RawWebSocket(socket, readHead(socket.getInputStream()));
    }

    /** A valid handshake for {@code path}. */
    static RawWebSocket open(int port, String path) throws IOException {
        RawWebSocket socket = handshake(port, request(path, ""));
        if (!socket.head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("the handshake was not accepted: " + socket.head);
        }
        return socket;
    }

    /** A handshake request for {@code path} with {@code extraHeaders} (each ending in CRLF). */
    static String request(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The answer's status line and headers. */
    String head() {
        return head;
    }

    /** Sends one frame: {@code first} is the first byte's flags and opcode as given, masked as a client must unless {@code masked} is false. */
    RawWebSocket sendRaw(int first, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >> shift));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.write(body);
        out.write(frame.toByteArray());
        out.flush();
        return this;
    }

    /** Sends a whole, masked frame of {@code opcode}. */
    RawWebSocket send(int opcode, byte[] payload) throws IOException {
        return sendRaw(0x80 | opcode, payload, true);
    }

    RawWebSocket sendText(String text) throws IOException {
        return send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes, e.g. a frame head that announces more than will ever come. */
    RawWebSocket sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next frame from the server. */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new AssertionError("the server masked a frame");
        }
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0f, payload);
    }

    /** Reads until the server's close frame and returns its code; -1 if it closed the connection without one. */
    int readCloseCode() throws IOException {
        try {
            while (true) {
                Frame frame = read();
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException | java.net.SocketException closed) {
            return -1;
        }
    }

    /** Whether the server ended the TCP connection (reads end) within the read timeout. */
    boolean serverClosed() throws IOException {
        try {
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // discard what is still coming
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
