package io.microflask;

import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad handshakes and hostile frames over a raw socket each get the answer or close code RFC 6455
 * asks for, and a client that does not read is closed before its queue grows past the bound.
 */
class WebSocketHostileTest {
    /** Close codes the endpoints heard, as "tag:code" (the tag from the query, so tests do not read each other's). */
    private static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private static final int SEND_QUEUE = 64 * 1024;

    @WebSocket("/echo")
    public static class Echo {
        @OnMessage
        public String text(String message) {
            return message;
        }

        @OnClose
        public void closed(int code, @Query(value = "tag", defaultValue = "") String tag) {
            closes.add(tag + ":" + code);
        }
    }

    /** Sends as much as it is asked for, as fast as it can: for a client that does not read. */
    @WebSocket("/flood")
    public static class Flood {
        @OnMessage
        public void message(WebSocketConnection connection, String count) {
            String chunk = "x".repeat(8 * 1024);
            for (int i = 0; i < Integer.parseInt(count) && connection.isOpen(); i++) {
                connection.send(chunk);
            }
        }

        @OnClose
        public void closed(int code, @Query(value = "tag", defaultValue = "") String tag) {
            closes.add(tag + ":" + code);
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Echo(), new Flood());
        app.settings().webSocketMaxFrameSize(4096).webSocketMaxMessageSize(8192).webSocketSendQueueBytes(SEND_QUEUE);
        return app;
    });

    // ---- Handshakes ----

    @Test
    void aHandshakeWithoutAKeyIs400() throws Exception {
        try (RawWebSocket socket = RawWebSocket.handshake(server.port(), "GET /echo HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")) {
            assertTrue(socket.head().startsWith("HTTP/1.1 400"), socket.head());
        }
    }

    @Test
    void aKeyThatIsNotSixteenBytesIs400() throws Exception {
        try (RawWebSocket socket = RawWebSocket.handshake(server.port(), RawWebSocket.request("/echo", "")
                .replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ="))) {
            assertTrue(socket.head().startsWith("HTTP/1.1 400"), socket.head());
        }
    }

    @Test
    void anotherVersionIs426NamingThirteen() throws Exception {
        try (RawWebSocket socket = RawWebSocket.handshake(server.port(), RawWebSocket.request("/echo", "")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"))) {
            assertTrue(socket.head().startsWith("HTTP/1.1 426"), socket.head());
            assertTrue(socket.head().toLowerCase().contains("sec-websocket-version: 13"), socket.head());
        }
    }

    @Test
    void aPostHandshakeIs400() throws Exception {
        try (RawWebSocket socket = RawWebSocket.handshake(server.port(), RawWebSocket.request("/echo", "")
                .replace("GET ", "POST ").replace("Version: 13\r\n", "Version: 13\r\nContent-Length: 0\r\n"))) {
            assertTrue(socket.head().startsWith("HTTP/1.1 400"), socket.head());
        }
    }

    @Test
    void theAcceptKeyIsTheOneTheRfcGives() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), "/echo")) {
            // RFC 6455 1.3's example key and answer.
            assertTrue(socket.head().contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), socket.head());
            socket.sendText("still here");
            assertEquals("still here", socket.read().text());
        }
    }

    // ---- Frames ----

    @Test
    void anUnmaskedClientFrameIs1002() throws Exception {
        assertEquals(1002, closeAfter(socket -> socket.sendRaw(0x80 | RawWebSocket.TEXT, bytes("hi"), false)));
    }

    @Test
    void reservedBitsAre1002() throws Exception {
        assertEquals(1002, closeAfter(socket -> socket.sendRaw(0x80 | 0x40 | RawWebSocket.TEXT, bytes("hi"), true)));
    }

    @Test
    void anUnknownOpcodeIs1002() throws Exception {
        assertEquals(1002, closeAfter(socket -> socket.send(0x3, bytes("hi"))));
    }

    @Test
    void aFragmentedControlFrameIs1002() throws Exception {
        assertEquals(1002, closeAfter(socket -> socket.sendRaw(RawWebSocket.PING, bytes("hi"), true)));
    }

    @Test
    void anOversizedControlFrameIs1002() throws Exception {
        assertEquals(1002, closeAfter(socket -> socket.send(RawWebSocket.PING, new byte[126])));
    }

    @Test
    void aCloseCodeNoEndpointMaySendIs1002() throws Exception {
        assertEquals(1002, closeAfter(socket -> socket.send(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe7})));
        assertEquals(1002, closeAfter(socket -> socket.send(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xed})));
    }

    @Test
    void invalidUtf8InTextIs1007() throws Exception {
        assertEquals(1007, closeAfter(socket -> socket.send(RawWebSocket.TEXT, new byte[] {(byte) 0xc3, 0x28})));
    }

    @Test
    void aFrameOverTheLimitIs1009BeforeItIsRead() throws Exception {
        // A head announcing 1 GiB, and nothing after it: the server must not wait for (or buffer) the payload.
        assertEquals(1009, closeAfter(socket -> socket.sendBytes(new byte[] {(byte) 0x81, (byte) (0x80 | 127),
                0, 0, 0, 0, 0x40, 0, 0, 0, 1, 2, 3, 4})));
    }

    @Test
    void aFragmentedMessageOverTheLimitIs1009() throws Exception {
        assertEquals(1009, closeAfter(socket -> {
            socket.sendRaw(RawWebSocket.TEXT, new byte[4000], true);
            socket.sendRaw(RawWebSocket.CONTINUATION, new byte[4000], true);
            socket.sendRaw(RawWebSocket.CONTINUATION, new byte[4000], true);
        }));
    }

    @Test
    void aFragmentedMessageWithinTheLimitArrivesWhole() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), "/echo")) {
            socket.sendRaw(RawWebSocket.TEXT, bytes("hel"), true);
            socket.send(RawWebSocket.PING, bytes("between")); // control frames may come between fragments
            socket.sendRaw(0x80 | RawWebSocket.CONTINUATION, bytes("lo"), true);
            RawWebSocket.Frame pong = socket.read();
            assertEquals(RawWebSocket.PONG, pong.opcode());
            assertArrayEquals(bytes("between"), pong.payload());
            assertEquals("hello", socket.read().text());
        }
    }

    @Test
    void aCloseIsEchoedAndTheEndpointHearsItsCode() throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), "/echo?tag=echoed")) {
            socket.send(RawWebSocket.CLOSE, new byte[] {0x0f, (byte) 0xa0, 'b', 'y', 'e'}); // 4000
            assertEquals(4000, socket.readCloseCode());
            assertTrue(socket.serverClosed());
        }
        assertEquals("echoed:4000", closeHeard("echoed"));
    }

    // ---- Back-pressure ----

    @Test
    void aClientThatDoesNotReadIsClosedWith1008() throws Exception {
        try (RawWebSocket socket = RawWebSocket.handshake(server.port(), RawWebSocket.request("/flood?tag=flood", ""), 4096)) {
            assertTrue(socket.head().startsWith("HTTP/1.1 101"), socket.head());
            // 64 MiB asked for, never read: the queue bound (64 KiB) is reached long before.
            socket.sendText("8192");
            assertEquals("flood:1008", closeHeard("flood"));
            assertTrue(socket.serverClosed());
        }
    }

    @Test
    void aHandlerThatIsSlowStopsReadsInsteadOfQueueingWithoutEnd() throws Exception {
        // Many messages sent at once are all answered, in order, whatever the handler's pace.
        try (RawWebSocket socket = RawWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i < 200; i++) {
                socket.sendText("m" + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("m" + i, socket.read().text());
            }
        }
    }

    @Test
    void webSocketsCountAgainstTheConnectionCap() throws Exception {
        App app = new App().register(new Echo());
        app.settings().maxConnections(2);
        RunningServer running = app.start("127.0.0.1", 0);
        List<RawWebSocket> open = new ArrayList<>();
        try {
            open.add(RawWebSocket.open(running.port(), "/echo"));
            open.add(RawWebSocket.open(running.port(), "/echo"));
            try (RawWebSocket third = RawWebSocket.handshake(running.port(), RawWebSocket.request("/echo", ""))) {
                assertTrue(third.head().startsWith("HTTP/1.1 503"), third.head());
            }
        } finally {
            for (RawWebSocket socket : open) {
                socket.close();
            }
            running.close();
        }
    }

    // ---- Keep-alive, idle clients, shutdown ----

    @Test
    void aSilentClientIsPingedThenClosedWith1001() throws Exception {
        App app = new App().register(new Echo());
        app.settings().webSocketPingInterval(Duration.ofMillis(50)).webSocketIdleTimeout(Duration.ofMillis(400));
        RunningServer running = app.start("127.0.0.1", 0);
        try (RawWebSocket socket = RawWebSocket.open(running.port(), "/echo")) {
            RawWebSocket.Frame first = socket.read();
            assertEquals(RawWebSocket.PING, first.opcode());
            assertEquals(1001, socket.readCloseCode());
        } finally {
            running.close();
        }
    }

    @Test
    void aShutdownClosesWith1001() throws Exception {
        App app = new App().register(new Echo());
        RunningServer running = app.start("127.0.0.1", 0);
        try (RawWebSocket socket = RawWebSocket.open(running.port(), "/echo?tag=shutdown")) {
            socket.sendText("ready");
            assertEquals("ready", socket.read().text());
            running.close();
            assertEquals(1001, socket.readCloseCode());
            assertEquals("shutdown:1001", closeHeard("shutdown"));
        } finally {
            running.close();
        }
    }

    /** The next close an endpoint heard on a connection tagged {@code tag}, waiting up to 30 s. */
    private static String closeHeard(String tag) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String next = closes.poll(100, TimeUnit.MILLISECONDS);
            if (next != null && next.startsWith(tag + ":")) {
                return next;
            }
        }
        throw new AssertionError("no close heard for " + tag);
    }

    private interface Action {
        void on(RawWebSocket socket) throws Exception;
    }

    /** Opens an echo socket, does {@code action}, and returns the code of the server's close frame. */
    private static int closeAfter(Action action) throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), "/echo")) {
            action.on(socket);
            int code = socket.readCloseCode();
            assertTrue(socket.serverClosed(), "the server kept the connection open after closing it");
            return code;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
