package io.microflask.json;

import io.microflask.App;
import io.microflask.HttpStatus;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values returned by handlers become JSON, and JSON bodies become values, through the app's
 * pipeline in process (the test client).
 */
class RoundTripTest {
    private final App app = new App().register(new ShapesApi());
    private final TestClient api = app.testClient();

    /** POSTs {@code json} with this content type. */
    private Answer post(String path, String contentType, String json) {
        return Answer.of(api.post(path, contentType, json));
    }

    private Answer postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    private Answer get(String path) {
        return Answer.of(api.get(path));
    }

    @Test
    void recordRoundTrips() {
        postJson("/orders", "{\"count\":2,\"due\":\"2024-01-31\",\"priority\":\"HIGH\","
                        + "\"items\":[{\"name\":\"pen\",\"qty\":3}]}")
                .statusCode(200)
                .contentType("application/json")
                .body("count", equalTo(2))
                .body("due", equalTo("2024-01-31"))
                .body("priority", equalTo("HIGH"))
                .body("items[0].name", equalTo("pen"))
                .body("items[0].qty", equalTo(3));
    }

    @Test
    void genericListIsReadAsItsElementType() {
        postJson("/items", "[{\"name\":\"a\",\"qty\":2},{\"name\":\"b\",\"qty\":5}]")
                .statusCode(200)
                .body("count", equalTo(2))
                .body("total", equalTo(7))
                // Not a LinkedHashMap: the declared List<Item> was honoured.
                .body("firstType", equalTo("Item"));
        postJson("/read", "[{\"name\":\"a\",\"qty\":2}]")
                .statusCode(200).body("items", equalTo(1)).body("first", equalTo("a"));
    }

    @Test
    void javaBeanRoundTrips() {
        postJson("/people", "{\"name\":\"Grace\",\"age\":85}")
                .statusCode(200).body("name", equalTo("Grace")).body("age", equalTo(85));
        get("/person").statusCode(200).body("name", equalTo("Ada")).body("age", equalTo(36));
    }

    @Test
    void mapsArraysAndTreesAreJson() {
        get("/map").statusCode(200).contentType("application/json")
                .body(equalTo("{\"name\":\"microflask\",\"stars\":5,\"tags\":[\"web\",\"java\"]}"));
        get("/array").statusCode(200).body(equalTo("[1,2,3]"));
        postJson("/node", "{\"a\":[1,{\"b\":null}]}").statusCode(200).body(equalTo("{\"a\":[1,{\"b\":null}]}"));
        postJson("/tree", "{\"title\":\"hi\",\"x\":1}").statusCode(200).body("title", equalTo("hi"))
                .body("fields", equalTo(2));
    }

    @Test
    void javaTimeIsIso8601AndOptionalIsItsValue() {
        get("/event").statusCode(200)
                .body("day", equalTo("2024-01-31"))
                .body("at", equalTo("2024-01-31T13:45:00Z"))
                .body("length", equalTo("PT15M"))
                .body("note", equalTo("bring coffee"))
                .body("missing", nullValue());
    }

    @Test
    void declaredObjectIsWrittenByWhatItReturns() {
        get("/dynamic/pen").statusCode(200).contentType("application/json")
                .body("name", equalTo("pen"));
        get("/dynamic/html").statusCode(200).contentType(startsWith("text/html"))
                .body(equalTo("<p>html</p>"));
    }

    @Test
    void jsonResponseCarriesStatusHeadersAndCookies() {
        get("/accepted").statusCode(202)
                .header("Retry-After", "5")
                .cookie("job", "42")
                .body("name", equalTo("job"));
        Answer.of(api.request("POST", "/nothing").send()).statusCode(204).body(emptyString());
    }

    @Test
    void emptyOptionalIsNotFound() {
        get("/absent").statusCode(404).contentType("application/json")
                .body("status", equalTo(404)).body("error", equalTo("Not Found"));
    }

    @Test
    void optionalBodies() {
        postJson("/optional", "").statusCode(200).body("present", equalTo(false));
        postJson("/optional", "{\"name\":\"x\",\"qty\":1}").statusCode(200).body("present", equalTo(true));
        Answer.of(api.request("POST", "/maybe").send()).statusCode(200).body("present", equalTo(false))
                .body("name", equalTo("-"));
        postJson("/maybe", "{\"name\":\"x\",\"qty\":1}").statusCode(200).body("present", equalTo(true))
                .body("name", equalTo("x"));
    }

    @Test
    void unicodeRoundTripsAsUtf8() {
        String text = "héllo wörld, 世界, emoji 😀, quote \" and \\ backslash";
        TestResponse answer = get("/unicode").statusCode(200).body("name", equalTo(text)).response();
        String raw = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"héllo wörld, 世界, emoji 😀, quote \\\" and \\\\ backslash\",\"qty\":1}", raw);

        byte[] body = ("{\"name\":\"" + "Ünïcödé 日本語 🎉" + "\"}").getBytes(StandardCharsets.UTF_8);
        Answer.of(api.request("POST", "/echo").body("application/json", body).send())
                .statusCode(200).body("name", equalTo("Ünïcödé 日本語 🎉"));
        Answer.of(api.request("POST", "/echo").body("application/json; charset=utf-8", body).send())
                .statusCode(200).body("name", equalTo("Ünïcödé 日本語 🎉"));
    }

    @Test
    void vendorJsonContentTypesAreJson() {
        post("/echo", "application/merge-patch+json", "{\"a\":\"b\"}").statusCode(200).body("a", equalTo("b"));
    }

    /**
     * Over a socket: in process, a body over maxBodySize that comes in more than one buffer makes
     * the test client throw ClosedChannelException instead of returning the 413.
     */
    @Test
    void bodyNearTheSizeLimitIsRead() {
        int limit = 64 * 1024;
        app.settings().maxBodySize(limit);
        String prefix = "{\"big\":\"";
        String suffix = "\"}";
        String filler = "x".repeat(limit - prefix.length() - suffix.length());
        String body = prefix + filler + suffix;
        assertEquals(limit, body.length());
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            given().baseUri(server.url()).contentType(ContentType.JSON).body(body)
                    .post("/echo").then().statusCode(200).body("big.length()", equalTo(filler.length()));

            given().baseUri(server.url()).contentType(ContentType.JSON).accept(ContentType.JSON).body(body + " ")
                    .post("/echo").then().statusCode(413)
                    .contentType("application/json")
                    .body("status", equalTo(413))
                    .body("error", equalTo(HttpStatus.reason(413)))
                    .body("message", startsWith("The request body is larger than the server accepts"))
                    .body("$", not(hasKey("exception")));
        }
    }
}
