package io.microflask.samples.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microflask.App;
import io.microflask.RunningServer;
import io.microflask.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every open notes page hears of each note added, over the WebSocket at /notes/live. */
class NotesLiveTest {
    private static final String TEST_KEY = "notes-app-test-key-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-05-01T10:15:30Z");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    private App app;
    private RunningServer server;

    @BeforeEach
    void start() {
        app = NotesApp.create(new InMemoryNoteStore(Clock.fixed(NOW, ZoneOffset.UTC)));
        app.settings().secretKey(TEST_KEY);
        server = app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A tab's WebSocket, as Java's client: what it received, in order. */
    private static final class Tab implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message on /notes/live within 10 s");
            return message;
        }
    }

    private WebSocket open(Tab tab) throws Exception {
        // A page of the app itself opens it: same origin.
        return http.newWebSocketBuilder().header("Origin", server.url())
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/notes/live"), tab)
                .get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void waitForTabs(int count) throws InterruptedException {
        // Joining the group runs on the server after the handshake's answer: wait until both are members.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.webSocketGroup(NotesLive.GROUP).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, app.webSocketGroup(NotesLive.GROUP).size());
    }

    @Test
    void aNoteAddedByTheFormOrTheApiGoesToEveryOpenTabAsJson() throws Exception {
        Tab first = new Tab();
        Tab second = new Tab();
        WebSocket one = open(first);
        WebSocket two = open(second);
        try {
            waitForTabs(2);
            assertEquals(303, post("/notes", "application/x-www-form-urlencoded",
                    "text=" + URLEncoder.encode("Buy <milk>", StandardCharsets.UTF_8)).statusCode());
            for (Tab tab : new Tab[] {first, second}) {
                JsonNode note = json.readTree(tab.next());
                assertEquals(1, note.get("id").asLong());
                assertEquals("Buy <milk>", note.get("text").asText());
                assertEquals("2026-05-01T10:15:30Z", note.get("created").asText());
                assertEquals(3, note.size());
            }
            assertEquals(303, post("/login", "application/x-www-form-urlencoded", "username=ada").statusCode());
            HttpResponse<String> created = post("/api/notes", "application/json", "{\"text\": \"Call Bob\"}");
            assertEquals(201, created.statusCode());
            assertEquals(json.readTree(created.body()), json.readTree(first.next()));
            assertEquals(json.readTree(created.body()), json.readTree(second.next()));
            // Only additions are sent: a refused note and a deletion send nothing.
            post("/notes", "application/x-www-form-urlencoded", "text=");
            http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/notes/1")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            post("/api/notes", "application/json", "{\"text\": \"Last\"}");
            assertEquals("Last", json.readTree(first.next()).get("text").asText());
            assertTrue(first.messages.isEmpty());
        } finally {
            one.abort();
            two.abort();
        }
    }

    @Test
    void thePageRunsTheScriptThatListensAndListsNotesById() throws Exception {
        post("/notes", "application/x-www-form-urlencoded", "text=first");
        String page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("<li data-id=\"1\"><span class=\"text\">first</span>"), page);
        assertTrue(page.contains("<script src=\"/static/live-notes.js\"></script>"), page);
        String script = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/static/live-notes.js")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(script.contains("\"/notes/live\"") && script.contains("textContent = note.text"), script);
    }

    @Test
    void theTestClientHearsANoteWithoutAServer() throws Exception {
        App inProcess = NotesApp.create(new InMemoryNoteStore(Clock.fixed(NOW, ZoneOffset.UTC)));
        inProcess.settings().secretKey(TEST_KEY);
        try (TestWebSocket tab = inProcess.testClient().webSocket("/notes/live")) {
            // The endpoint joins the group when it opens, which runs after the handshake's answer.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inProcess.webSocketGroup(NotesLive.GROUP).size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            inProcess.testClient().postForm("/notes", java.util.Map.of("text", "in process"));
            assertEquals("{\"id\":1,\"text\":\"in process\",\"created\":\"2026-05-01T10:15:30Z\"}", tab.receiveText());
        }
    }
}
