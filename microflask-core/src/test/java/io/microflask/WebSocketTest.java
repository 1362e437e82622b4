package io.microflask;

import io.microflask.testsupport.JdkWebSocket;
import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket endpoints through Java's own client: echo, groups, binary, close codes, origins. */
class WebSocketTest {
    private static final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Object> roomEvents = new LinkedBlockingQueue<>();

    @WebSocket("/echo")
    public static class Echo {
        @OnMessage
        public String text(String message) {
            return message;
        }

        @OnMessage
        public byte[] binary(byte[] data) {
            byte[] reversed = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                reversed[i] = data[data.length - 1 - i];
            }
            return reversed;
        }
    }

    @WebSocket("/rooms/<room>")
    public static class Room {
        @OnOpen
        public void open(WebSocketConnection connection, String room, @Query("name") String name) {
            connection.attributes().put("name", name);
            connection.join(room);
            connection.send("welcome " + name + " to " + room);
        }

        @OnMessage
        public void message(WebSocketConnection connection, String room, String text) {
            connection.group(room).send(connection.attributes().get("name") + ": " + text);
        }

        @OnClose
        public void close(WebSocketConnection connection, int code, String reason) {
            roomEvents.add("closed " + connection.attributes().get("name") + " " + code + " " + reason);
        }
    }

    @WebSocket("/fails")
    public static class Fails {
        @OnMessage
        public void message(String text) {
            throw new IllegalStateException("cannot take " + text);
        }

        @OnError
        public void error(WebSocketConnection connection, IllegalStateException failure) {
            events.add("error " + failure.getMessage());
        }

        @OnClose
        public void close(int code) {
            events.add("closed " + code);
        }
    }

    @WebSocket("/kick")
    public static class Kick {
        @OnMessage
        public void message(WebSocketConnection connection, String text) {
            connection.close(4001, "kicked: " + text);
        }
    }

    public static class Pages {
        @Route("/notify/<room>")
        public String notify(String room, @Query("text") String text) {
            WebSocketTest.app.webSocketGroup(room).send("notice: " + text);
            return "sent";
        }
    }

    static App app;

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        app = new App().register(new Echo(), new Room(), new Fails(), new Kick(), new Pages());
        app.settings().webSocketMaxMessageSize(1000);
        return app;
    });

    @Test
    void echoesTextInOrder() throws Exception {
        try (JdkWebSocket socket = JdkWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i < 50; i++) {
                socket.sendText("message " + i);
            }
            for (int i = 0; i < 50; i++) {
                assertEquals("message " + i, socket.nextText());
            }
        }
    }

    @Test
    void echoesBinary() throws Exception {
        try (JdkWebSocket socket = JdkWebSocket.open(server.port(), "/echo")) {
            socket.sendBinary(new byte[] {1, 2, 3, (byte) 0xff});
            assertArrayEquals(new byte[] {(byte) 0xff, 3, 2, 1}, (byte[]) socket.next());
        }
    }

    @Test
    void broadcastsToAGroupOfThreeAndFromARouteHandler() throws Exception {
        roomEvents.clear();
        List<JdkWebSocket> members = new ArrayList<>();
        try {
            for (String name : List.of("ann", "bob", "cy")) {
                JdkWebSocket member = JdkWebSocket.open(server.port(), "/rooms/lobby?name=" + name);
                assertEquals("welcome " + name + " to lobby", member.nextText());
                members.add(member);
            }
            try (JdkWebSocket elsewhere = JdkWebSocket.open(server.port(), "/rooms/attic?name=dee")) {
                assertEquals("welcome dee to attic", elsewhere.nextText());
                members.get(1).sendText("hello");
                for (JdkWebSocket member : members) {
                    assertEquals("bob: hello", member.nextText());
                }
                HttpClient http = HttpClient.newHttpClient();
                var answer = http.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.url() + "/notify/lobby?text=tea")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals("sent", answer.body());
                for (JdkWebSocket member : members) {
                    assertEquals("notice: tea", member.nextText());
                }
                elsewhere.sendText("alone");
                // Only the attic hears the attic; the lobby's next message is the one sent after.
                assertEquals("dee: alone", elsewhere.nextText());
                members.get(0).sendText("last");
                for (JdkWebSocket member : members) {
                    assertEquals("ann: last", member.nextText());
                }
            }
            members.get(2).sendClose(4000, "bye");
            assertEquals(new JdkWebSocket.Closed(4000, ""), members.get(2).nextClose());
            Object closed;
            do {
                closed = poll(roomEvents); // dee's end may come first: the attic socket was closed above
            } while (closed.equals("closed dee 1006 "));
            assertEquals("closed cy 4000 bye", closed);
            assertEquals(3, waitForGroupSize("lobby", 2) + 1);
        } finally {
            members.forEach(JdkWebSocket::close);
        }
    }

    @Test
    void aFailingMethodClosesWith1011AndIsLoggedWithTheRoute() throws Exception {
        events.clear();
        try (LogCapture log = LogCapture.of("io.microflask.dispatch.OpenWebSocket");
             JdkWebSocket socket = JdkWebSocket.open(server.port(), "/fails")) {
            socket.sendText("this");
            assertEquals(1011, socket.nextClose().code());
            assertEquals("error cannot take this", poll(events));
            assertEquals("closed 1011", poll(events));
            assertTrue(log.text().contains("/fails (Fails)") && log.text().contains("Fails.message"), log.text());
        }
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        try (JdkWebSocket socket = JdkWebSocket.open(server.port(), "/echo")) {
            socket.sendText("x".repeat(1001));
            assertEquals(1009, socket.nextClose().code());
        }
    }

    @Test
    void theClientSeesTheAppsOwnCloseCodeAnd1003ForAKindOfMessageNoMethodTakes() throws Exception {
        try (JdkWebSocket socket = JdkWebSocket.open(server.port(), "/kick")) {
            socket.sendText("spam");
            assertEquals(new JdkWebSocket.Closed(4001, "kicked: spam"), socket.nextClose());
        }
        try (JdkWebSocket socket = JdkWebSocket.open(server.port(), "/kick")) {
            socket.sendBinary(new byte[] {1});
            assertEquals(1003, socket.nextClose().code());
        }
        try (JdkWebSocket socket = JdkWebSocket.open(server.port(), "/echo")) {
            socket.sendClose(1000, "done");
            assertEquals(1000, socket.nextClose().code());
        }
    }

    @Test
    void anotherSitesPageIsRefusedAndTheSameOriginAllowed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new java.net.http.WebSocket.Listener() {
                })
                .get(10, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
        java.net.http.WebSocket same = client.newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + server.port())
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new java.net.http.WebSocket.Listener() {
                })
                .get(10, TimeUnit.SECONDS);
        same.abort();
    }

    @Test
    void anOrdinaryRequestToAnEndpointPathIsNotFound() throws Exception {
        var answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(server.url() + "/echo")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, answer.statusCode());
    }

    private static Object poll(BlockingQueue<Object> queue) throws InterruptedException {
        Object next = queue.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no endpoint event in 10 s");
        }
        return next;
    }

    private static int waitForGroupSize(String group, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.webSocketGroup(group).size() != size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(size, app.webSocketGroup(group).size());
        return size;
    }
}
