package io.microflask.json;

import io.microflask.App;
import io.microflask.ErrorHandler;
import io.microflask.Request;
import io.microflask.RunningServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
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

    private RunningServer server;

    private RequestSpecification client(boolean debug) {
        server = new App().register(new ErrorsApi()).start("127.0.0.1", 0, debug);
        return given().baseUri(server.url());
    }

    private RequestSpecification client() {
        return client(false);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void notFoundIsJsonWhenTheClientAcceptsJson() {
        client().accept(ContentType.JSON).get("/nope")
                .then().statusCode(404)
                .contentType("application/json")
                .body(equalTo("{\"status\":404,\"error\":\"Not Found\","
                        + "\"message\":\"The requested URL /nope was not found on this server.\"}"));
    }

    @Test
    void notFoundIsHtmlForBrowsersAndClientsWithoutPreference() {
        RequestSpecification client = client();
        client.accept(BROWSER_ACCEPT).get("/nope").then().statusCode(404).contentType(startsWith("text/html"));
        given().baseUri(server.url()).accept("*/*").get("/nope")
                .then().statusCode(404).contentType(startsWith("text/html"));
        given().baseUri(server.url()).accept("application/json;q=0.5, text/html").get("/nope")
                .then().statusCode(404).contentType(startsWith("text/html"));
        given().baseUri(server.url()).accept("application/json, text/html;q=0.9").get("/nope")
                .then().statusCode(404).contentType("application/json");
    }

    @Test
    void methodNotAllowedIsJsonWithAllow() {
        client().accept(ContentType.JSON).delete("/page")
                .then().statusCode(405)
                .contentType("application/json")
                .header("Allow", containsString("GET"))
                .body("status", equalTo(405))
                .body("error", equalTo("Method Not Allowed"))
                .body("message", startsWith("The method DELETE is not allowed for /page"));
    }

    @Test
    void routeThatProducesJsonAnswersErrorsInJsonEvenToBrowsers() {
        RequestSpecification client = client();
        client.accept(BROWSER_ACCEPT).get("/api/boom")
                .then().statusCode(500)
                .contentType("application/json")
                .body("status", equalTo(500))
                .body("error", equalTo("Internal Server Error"))
                .body("message", equalTo("The server hit an internal error and could not complete your request."))
                // Not in debug mode: nothing of the exception leaks.
                .body("$", not(hasKey("exception")));
        given().baseUri(server.url()).get("/api/conflict")
                .then().statusCode(409)
                .contentType("application/json")
                .body("message", equalTo("An item with this name already exists."));
    }

    @Test
    void handlersMayThrowErrorsWithDetails() {
        client().get("/api/invalid")
                .then().statusCode(422)
                .contentType("application/json")
                .body(equalTo("{\"status\":422,\"error\":\"Unprocessable Entity\","
                        + "\"message\":\"The quantity must be positive.\",\"field\":\"qty\"}"));
    }

    @Test
    void routeThatConsumesJsonAnswersErrorsInJson() {
        client().accept(BROWSER_ACCEPT).contentType(ContentType.JSON).body("{\"name\":")
                .post("/api/items")
                .then().statusCode(400)
                .contentType("application/json")
                .body("message", startsWith("Malformed JSON at line 1, column 9"));
    }

    @Test
    void htmlRouteErrorsFollowTheAcceptHeader() {
        RequestSpecification client = client();
        client.get("/page/boom").then().statusCode(500).contentType(startsWith("text/html"));
        given().baseUri(server.url()).accept(ContentType.JSON).get("/page/boom")
                .then().statusCode(500).contentType("application/json").body("status", equalTo(500));
        given().baseUri(server.url()).get("/raw").then().statusCode(400).contentType(startsWith("text/html"));
        given().baseUri(server.url()).accept(ContentType.JSON).get("/raw")
                .then().statusCode(400).contentType("application/json").body("message", equalTo("The raw route refuses."));
    }

    @Test
    void requestWithJsonBodyGetsJsonErrorsUnlessItAsksForHtml() {
        RequestSpecification client = client();
        client.contentType(ContentType.JSON).body("{}").post("/nope")
                .then().statusCode(404).contentType("application/json");
        given().baseUri(server.url()).contentType(ContentType.JSON).accept(ContentType.HTML).body("{}").post("/nope")
                .then().statusCode(404).contentType(startsWith("text/html"));
    }

    @Test
    void debugModeShowsTheExceptionToLocalClients() {
        client(true).accept(ContentType.JSON).get("/api/boom")
                .then().statusCode(500)
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
        client(true).accept(ContentType.JSON).get("/api/conflict")
                .then().statusCode(409).body("$", not(hasKey("exception")));
    }

    @Test
    void malformedHttpIsAnsweredInJsonWhenTheRequestCanStillBeRead() throws Exception {
        client();
        String request = "POST /api/items HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                + "Content-Length: twelve\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
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
        server = new App().register(new ErrorsApi(), new ProblemHandlers()).start("127.0.0.1", 0);
        given().baseUri(server.url()).get("/missing")
                .then().statusCode(404)
                .contentType("application/json")
                .body("type", equalTo("about:blank"))
                .body("detail", equalTo("The requested URL /missing was not found on this server."))
                .body("path", equalTo("/missing"));
    }
}
