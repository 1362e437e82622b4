package ${package};

import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagesTest {
    private final TestClient client = HelloApp.create().testClient();

    @Test
    void theHomePageGreetsTheWorld() {
        TestResponse page = client.get("/");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("Hello, World!"), page.text());
    }

    @Test
    void aNameFromThePathIsEscaped() {
        TestResponse page = client.get("/hello/%3Cb%3EAda");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("Hello, &lt;b&gt;Ada!"), page.text());
    }

    @Test
    void theApiAnswersJson() {
        TestResponse answer = client.get("/api/hello/Ada");
        assertEquals(200, answer.status());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertEquals("{\"message\":\"Hello, Ada!\"}", answer.text());
    }

    @Test
    void theStylesheetIsServed() {
        TestResponse css = client.get("/static/style.css");
        assertEquals(200, css.status());
        assertTrue(css.contentType().startsWith("text/css"), css.contentType());
    }

    @Test
    void aRealServerServesThePage() throws Exception {
        // Port 0: the operating system picks a free port, so tests never collide.
        try (RunningServer server = HelloApp.create().start("127.0.0.1", 0)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Hello, World!"), page.body());
        }
    }
}
