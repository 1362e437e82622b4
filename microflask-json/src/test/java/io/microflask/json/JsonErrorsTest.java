package io.microflask.json;

import io.microflask.App;
import io.microflask.ErrorHandler;
import io.microflask.Request;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The framework's errors are JSON for clients that want JSON, and HTML pages for the others. */
class JsonErrorsTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final TestClient client = new App().register(new ErrorsApi()).testClient();

    private Answer get(String path, String accept) {
        return Answer.of(client.request("GET", path).header("Accept", accept).send());
    }

    private static TestClient debugClient() {
        return new App().register(new ErrorsApi()).debug(true).testClient();
    }

    @Test
    void notFoundIsJsonWhenTheClientAcceptsJson() {
        get("/nope", "application/json")
                .statusCode(404)
                .contentType("application/json")
                .body(equalTo("{\"status\":404,\"error\":\"Not Found\","
                        + "\"message\":\"The requested URL /nope was not found on this server.\"}"));
    }

    @Test
    void notFoundIsHtmlForBrowsersAndClientsWithoutPreference() {
        get("/nope", BROWSER_ACCEPT).statusCode(404).contentType(startsWith("text/html"));
        get("/nope", "*/*").statusCode(404).contentType(startsWith("text/html"));
        get("/nope", "application/json;q=0.5, text/html").statusCode(404).contentType(startsWith("text/html"));
        get("/nope", "application/json, text/html;q=0.9").statusCode(404).contentType("application/json");
    }

    @Test
    void methodNotAllowedIsJsonWithAllow() {
        Answer.of(client.request("DELETE", "/page").header("Accept", "application/json").send())
                .statusCode(405)
                .contentType("application/json")
                .header("Allow", containsString("GET"))
                .body("status", equalTo(405))
                .body("error", equalTo("Method Not Allowed"))
                .body("message", startsWith("The method DELETE is not allowed for /page"));
    }

    @Test
    void routeThatProducesJsonAnswersErrorsInJsonEvenToBrowsers() {
        get("/api/boom", BROWSER_ACCEPT)
                .statusCode(500)
                .contentType("application/json")
                .body("status", equalTo(500))
                .body("error", equalTo("Internal Server Error"))
                .body("message", equalTo("The server hit an internal error and could not complete your request."))
                // Not in debug mode: nothing of the exception leaks.
                .body("$", not(hasKey("exception")));
        Answer.of(client.get("/api/conflict"))
                .statusCode(409)
                .contentType("application/json")
                .body("message", equalTo("An item with this name already exists."));
    }

    @Test
    void handlersMayThrowErrorsWithDetails() {
        Answer.of(client.get("/api/invalid"))
                .statusCode(422)
                .contentType("application/json")
                .body(equalTo("{\"status\":422,\"error\":\"Unprocessable Entity\","
                        + "\"message\":\"The quantity must be positive.\",\"field\":\"qty\"}"));
    }

    @Test
    void routeThatConsumesJsonAnswersErrorsInJson() {
        Answer.of(client.request("POST", "/api/items").header("Accept", BROWSER_ACCEPT)
                        .body("application/json", "{\"name\":").send())
                .statusCode(400)
                .contentType("application/json")
                .body("message", startsWith("Malformed JSON at line 1, column 9"));
    }

    @Test
    void htmlRouteErrorsFollowTheAcceptHeader() {
        Answer.of(client.get("/page/boom")).statusCode(500).contentType(startsWith("text/html"));
        get("/page/boom", "application/json").statusCode(500).contentType("application/json")
                .body("status", equalTo(500));
        Answer.of(client.get("/raw")).statusCode(400).contentType(startsWith("text/html"));
        get("/raw", "application/json").statusCode(400).contentType("application/json")
                .body("message", equalTo("The raw route refuses."));
    }

    @Test
    void requestWithJsonBodyGetsJsonErrorsUnlessItAsksForHtml() {
        Answer.of(client.post("/nope", "application/json", "{}")).statusCode(404).contentType("application/json");
        Answer.of(client.request("POST", "/nope").header("Accept", "text/html").body("application/json", "{}").send())
                .statusCode(404).contentType(startsWith("text/html"));
    }

    @Test
    void debugModeShowsTheExceptionToLocalClients() {
        Answer.of(debugClient().request("GET", "/api/boom").header("Accept", "application/json").send())
                .statusCode(500)
                .contentType("application/json")
                .body("message", equalTo("The server hit an internal error and could not complete your request."))
                .body("exception.type", equalTo("java.lang.IllegalStateException"))
                .body("exception.message", equalTo("database is down"))
                .body("exception.frames[0].class", equalTo(ErrorsApi.class.getName()))
                .body("exception.frames[0].method", equalTo("apiBoom"))
                .body("exception.frames[0].file", equalTo("ErrorsApi.java"))
                .body("exception.frames.method", hasItem("apiBoom"))
                .body("exception.cause.type", equalTo("java.io.IOException"))
                .body("exception.cause.message", equalTo("connection refused"));
    }

    @Test
    void debugModeKeepsClientErrorsPlain() {
        Answer.of(debugClient().request("GET", "/api/conflict").header("Accept", "application/json").send())
                .statusCode(409).body("$", not(hasKey("exception")));
    }

    /** Over a raw socket: the request's bytes are not valid HTTP, which no HTTP client sends. */
    @Test
    void malformedHttpIsAnsweredInJsonWhenTheRequestCanStillBeRead() throws Exception {
        String request = "POST /api/items HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                + "Content-Length: twelve\r\n\r\n";
        String answer;
        try (RunningServer server = new App().register(new ErrorsApi()).start("127.0.0.1", 0);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            answer = received.toString(StandardCharsets.UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request"), answer);
        assertTrue(answer.contains("content-type: application/json") || answer.contains("Content-Type: application/json"),
                answer);
        assertTrue(answer.contains("\"status\":400,\"error\":\"Bad Request\",\"message\":\"The request is not valid HTTP"),
                answer);
    }

    /** An app's own error handler may return any object: it is written as JSON with the error's status. */
    public static class ProblemHandlers {
        public record Problem(String type, String detail, String path) {
        }

        @ErrorHandler(status = 404)
        public Problem notFound(Request request, String message) {
            return new Problem("about:blank", message, request.path());
        }
    }

    @Test
    void errorHandlersMayReturnObjects() {
        Answer.of(new App().register(new ErrorsApi(), new ProblemHandlers()).testClient().get("/missing"))
                .statusCode(404)
                .contentType("application/json")
                .body("type", equalTo("about:blank"))
                .body("detail", equalTo("The requested URL /missing was not found on this server."))
                .body("path", equalTo("/missing"));
    }
}
