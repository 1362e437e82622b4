package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test client's WebSocket: in process, through the server's own pipeline, no server started. */
class TestWebSocketTest {
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private App app;

    @WebSocket("/echo")
    public static class Echo {
        @OnMessage
        public String text(String message) {
            return message;
        }

        @OnMessage
        public byte[] binary(byte[] data) {
            return new byte[] {(byte) data.length};
        }
    }

    /** Only sends: joins a group at open and has no @OnMessage. */
    @WebSocket("/news")
    public static class News {
        @OnOpen
        public void open(WebSocketConnection connection) {
            connection.join("news");
        }
    }

    @WebSocket("/rooms/<room>")
    public class Room {
        @OnOpen
        public void open(WebSocketConnection connection, String room, Session session) {
            connection.join(room);
            connection.send("hello " + session.getString("user"));
        }

        @OnMessage
        public void message(WebSocketConnection connection, String room, String text) {
            if (text.equals("leave")) {
                connection.close(4001, "asked to leave");
            } else if (text.equals("fail")) {
                throw new IllegalStateException("failed on purpose");
            } else {
                connection.group(room).send(text);
            }
        }

        @OnClose
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }
    }

    public class Pages {
        @Route(value = "/login/<user>", methods = "POST")
        public String login(String user, Session session) {
            session.put("user", user);
            return "ok";
        }

        @Route(value = "/announce/<room>", methods = "POST")
        public String announce(String room, Request request) {
            app.webSocketGroup(room).send("announced: " + request.text());
            return "sent";
        }
    }

    @BeforeEach
    void setUp() {
        app = new App().register(new Echo(), new News(), new Room(), new Pages());
        app.settings().secretKey("a test secret key of thirty-two bytes or more");
        app.settings().webSocketMaxMessageSize(100);
    }

    @AfterEach
    void tearDown() {
        app = null;
    }

    @Test
    void echoesTextAndBinaryAndClosesNormally() {
        TestWebSocket socket = app.testClient().webSocket("/echo");
        socket.send("one");
        socket.send("two");
        socket.send(new byte[] {1, 2, 3});
        assertEquals("one", socket.receiveText());
        assertEquals("two", socket.receiveText());
        assertArrayEquals(new byte[] {3}, socket.receiveBinary());
        assertTrue(socket.isOpen());
        socket.close();
        assertFalse(socket.isOpen());
        assertEquals(1000, socket.closeCode());
    }

    @Test
    void seesTheSessionAndGroupMessagesFromOtherSocketsAndFromRoutes() throws Exception {
        TestClient ann = app.testClient();
        assertEquals("ok", ann.post("/login/ann", "text/plain", "").text());
        TestClient bob = app.testClient();
        bob.post("/login/bob", "text/plain", "");
        try (TestWebSocket annSocket = ann.webSocket("/rooms/lobby");
             TestWebSocket bobSocket = bob.webSocket("/rooms/lobby");
             TestWebSocket elsewhere = bob.webSocket("/rooms/attic")) {
            assertEquals("hello ann", annSocket.receiveText());
            assertEquals("hello bob", bobSocket.receiveText());
            assertEquals("hello bob", elsewhere.receiveText());
            annSocket.send("hi all");
            assertEquals("hi all", annSocket.receiveText());
            assertEquals("hi all", bobSocket.receiveText());
            assertEquals("sent", app.testClient().post("/announce/lobby", "text/plain", "tea").text());
            assertEquals("announced: tea", annSocket.receiveText());
            assertEquals("announced: tea", bobSocket.receiveText());
            // The attic heard neither: its next message is its own.
            elsewhere.send("attic only");
            assertEquals("attic only", elsewhere.receiveText());
        }
        assertEquals("1000 ", closes.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void seesTheAppsCloseCodeAndReason() throws Exception {
        TestWebSocket socket = app.testClient().webSocket("/rooms/lobby");
        socket.receiveText();
        socket.send("leave");
        assertEquals(4001, socket.closeCode());
        assertEquals("asked to leave", socket.closeReason());
        IllegalStateException after = assertThrows(IllegalStateException.class, socket::receive);
        assertTrue(after.getMessage().contains("closed with 4001"), after.getMessage());
        assertEquals("4001 asked to leave", closes.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailingMethodIs1011AndATooBigMessage1009() {
        TestWebSocket failing = app.testClient().webSocket("/rooms/lobby");
        failing.receiveText();
        failing.send("fail");
        assertEquals(1011, failing.closeCode());
        TestWebSocket tooBig = app.testClient().webSocket("/echo");
        tooBig.send("x".repeat(101));
        assertEquals(1009, tooBig.closeCode());
    }

    @Test
    void aSendOnlyEndpointClosesWith1003OnAMessage() {
        TestWebSocket socket = app.testClient().webSocket("/news");
        socket.send("not listened to");
        assertEquals(1003, socket.closeCode());
    }

    @Test
    void theClientsOwnCloseCodeIsWhatTheEndpointHears() throws Exception {
        TestWebSocket socket = app.testClient().webSocket("/rooms/lobby");
        socket.receiveText();
        socket.close(4100, "done here");
        assertEquals(4100, socket.closeCode());
        assertEquals("4100 done here", closes.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aRefusedHandshakeShowsTheAnswer() {
        TestWebSocket.RefusedException notFound = assertThrows(TestWebSocket.RefusedException.class,
                () -> app.testClient().webSocket("/nowhere"));
        assertEquals(404, notFound.response().status());
        TestWebSocket.RefusedException otherSite = assertThrows(TestWebSocket.RefusedException.class,
                () -> app.testClient().request("GET", "/echo").header("Origin", "https://evil.example").webSocket());
        assertEquals(403, otherSite.response().status());
        try (TestWebSocket sameSite = app.testClient().request("GET", "/echo")
                .header("Origin", "http://localhost").webSocket()) {
            sameSite.send("fine");
            assertEquals("fine", sameSite.receiveText());
        }
    }

    @Test
    void aWaitThatTimesOutSaysSo() {
        try (TestWebSocket socket = app.testClient().webSocket("/echo").timeout(Duration.ofMillis(200))) {
            IllegalStateException nothing = assertThrows(IllegalStateException.class, socket::receive);
            assertTrue(nothing.getMessage().contains("no message from /echo within"), nothing.getMessage());
        }
    }
}
