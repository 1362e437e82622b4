package io.microflask.samples.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microflask.App;
import io.microflask.testsupport.JdkWebSocket;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** A tab's WebSocket: Java's client, as a page of the app opens it (same origin). */
    private JdkWebSocket open() throws Exception {
        return JdkWebSocket.open(server.port(), "/notes/live", server.url());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        // Sec-Fetch-Site as the browser sends for a form of the app's own page (CSRF protection).
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", contentType)
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
        try (JdkWebSocket first = open(); JdkWebSocket second = open()) {
            waitForTabs(2);
            assertEquals(303, post("/notes", "application/x-www-form-urlencoded",
                    "text=" + URLEncoder.encode("Buy <milk>", StandardCharsets.UTF_8)).statusCode());
            for (JdkWebSocket tab : List.of(first, second)) {
                JsonNode note = json.readTree(tab.nextText());
                assertEquals(1, note.get("id").asLong());
                assertEquals("Buy <milk>", note.get("text").asText());
                assertEquals("2026-05-01T10:15:30Z", note.get("created").asText());
                assertEquals(3, note.size());
            }
            assertEquals(303, post("/login", "application/x-www-form-urlencoded", "username=ada").statusCode());
            HttpResponse<String> created = post("/api/notes", "application/json", "{\"text\": \"Call Bob\"}");
            assertEquals(201, created.statusCode());
            assertEquals(json.readTree(created.body()), json.readTree(first.nextText()));
            assertEquals(json.readTree(created.body()), json.readTree(second.nextText()));
            // Only additions are sent: after a refused note and a deletion, the next message is the next note.
            post("/notes", "application/x-www-form-urlencoded", "text=");
            http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/notes/1")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            post("/api/notes", "application/json", "{\"text\": \"Last\"}");
            assertEquals("Last", json.readTree(first.nextText()).get("text").asText());
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
