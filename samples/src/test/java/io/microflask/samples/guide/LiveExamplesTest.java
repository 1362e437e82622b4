package io.microflask.samples.guide;

import io.microflask.App;
import io.microflask.RunningServer;
import io.microflask.TestWebSocket;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** docs/websockets.md's chat and announcements do what the guide says. */
class LiveExamplesTest {

    @Test
    void chatRoomsHearTheirOwnMessages() {
        App app = new App().register(new Chat());
        try (TestWebSocket ann = app.testClient().webSocket("/chat/lobby?name=ann")) {
            assertEquals("* ann joined lobby", ann.receiveText());
            try (TestWebSocket bob = app.testClient().webSocket("/chat/lobby?name=bob");
                 TestWebSocket cy = app.testClient().webSocket("/chat/kitchen?name=cy")) {
                assertEquals("* bob joined lobby", ann.receiveText());
                assertEquals("* bob joined lobby", bob.receiveText());
                assertEquals("* cy joined kitchen", cy.receiveText());
                bob.send("hi ann");
                assertEquals("bob: hi ann", ann.receiveText());
                assertEquals("bob: hi ann", bob.receiveText());
                cy.send("anyone?");
                assertEquals("cy: anyone?", cy.receiveText()); // the lobby did not hear it
            }
            assertEquals("* bob left", ann.receiveText());
        }
    }

    @Test
    void announcementsResumeAfterTheLastEventId() throws Exception {
        App app = new App().register(new Announcements());
        RunningServer server = app.start("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (String text : List.of("doors open", "talk at ten", "lunch")) {
                assertEquals(200, announce(http, server, text));
            }
            // A browser that saw event 0 reconnects: it gets 1 and 2, then what is announced next.
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/announcements")).header("Last-Event-ID", "0").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
            // Bounded: a stream that never sends the next event fails the test instead of hanging it.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                        StandardCharsets.UTF_8))) {
                    assertEquals(List.of("retry: 2000"), event(lines));
                    assertEquals(List.of("event: announcement", "id: 1", "data: talk at ten"), event(lines));
                    assertEquals(List.of("event: announcement", "id: 2", "data: lunch"), event(lines));
                    assertEquals(200, announce(http, server, "home time"));
                    assertEquals(List.of("event: announcement", "id: 3", "data: home time"), event(lines));
                }
            });
        } finally {
            server.close();
        }
    }

    /** POSTs an announcement as the app's own page would (text, and the browser's Sec-Fetch-Site for CSRF). */
    private static int announce(HttpClient http, RunningServer server, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/announcements"))
                .header("Content-Type", "text/plain; charset=utf-8").header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** The lines of the next event (up to its blank line), heartbeat comments left out. */
    private static List<String> event(BufferedReader lines) throws Exception {
        List<String> event = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty() && !event.isEmpty()) {
                return event;
            }
            if (!line.isEmpty() && !line.startsWith(":")) {
                event.add(line);
            }
        }
        throw new AssertionError("the stream ended after " + event);
    }
}
