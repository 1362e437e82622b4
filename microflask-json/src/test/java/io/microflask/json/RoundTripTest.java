package io.microflask.json;

import io.microflask.App;
import io.microflask.HttpStatus;
import io.microflask.RunningServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values returned by handlers become JSON, and JSON bodies become values, over a real socket. */
class RoundTripTest {
    private App app;
    private RunningServer server;

    @BeforeEach
    void start() {
        app = new App().register(new ShapesApi());
        server = app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RequestSpecification api() {
        return given().baseUri(server.url());
    }

    @Test
    void recordRoundTrips() {
        api().contentType(ContentType.JSON)
                .body("{\"count\":2,\"due\":\"2024-01-31\",\"priority\":\"HIGH\","
                        + "\"items\":[{\"name\":\"pen\",\"qty\":3}]}")
                .post("/orders")
                .then().statusCode(200)
                .contentType("application/json")
                .body("count", equalTo(2))
                .body("due", equalTo("2024-01-31"))
                .body("priority", equalTo("HIGH"))
                .body("items[0].name", equalTo("pen"))
                .body("items[0].qty", equalTo(3));
    }

    @Test
    void genericListIsReadAsItsElementType() {
        api().contentType(ContentType.JSON)
                .body("[{\"name\":\"a\",\"qty\":2},{\"name\":\"b\",\"qty\":5}]")
                .post("/items")
                .then().statusCode(200)
                .body("count", equalTo(2))
                .body("total", equalTo(7))
                // Not a LinkedHashMap: the declared List<Item> was honoured.
                .body("firstType", equalTo("Item"));
        api().contentType(ContentType.JSON).body("[{\"name\":\"a\",\"qty\":2}]")
                .post("/read")
                .then().statusCode(200).body("items", equalTo(1)).body("first", equalTo("a"));
    }

    @Test
    void javaBeanRoundTrips() {
        api().contentType(ContentType.JSON).body("{\"name\":\"Grace\",\"age\":85}")
                .post("/people")
                .then().statusCode(200).body("name", equalTo("Grace")).body("age", equalTo(85));
        api().get("/person").then().statusCode(200).body("name", equalTo("Ada")).body("age", equalTo(36));
    }

    @Test
    void mapsArraysAndTreesAreJson() {
        api().get("/map").then().statusCode(200).contentType("application/json")
                .body(equalTo("{\"name\":\"microflask\",\"stars\":5,\"tags\":[\"web\",\"java\"]}"));
        api().get("/array").then().statusCode(200).body(equalTo("[1,2,3]"));
        api().contentType(ContentType.JSON).body("{\"a\":[1,{\"b\":null}]}")
                .post("/node").then().statusCode(200).body(equalTo("{\"a\":[1,{\"b\":null}]}"));
        api().contentType(ContentType.JSON).body("{\"title\":\"hi\",\"x\":1}")
                .post("/tree").then().statusCode(200).body("title", equalTo("hi")).body("fields", equalTo(2));
    }

    @Test
    void javaTimeIsIso8601AndOptionalIsItsValue() {
        api().get("/event").then().statusCode(200)
                .body("day", equalTo("2024-01-31"))
                .body("at", equalTo("2024-01-31T13:45:00Z"))
                .body("length", equalTo("PT15M"))
                .body("note", equalTo("bring coffee"))
                .body("missing", nullValue());
    }

    @Test
    void declaredObjectIsWrittenByWhatItReturns() {
        api().get("/dynamic/pen").then().statusCode(200).contentType("application/json")
                .body("name", equalTo("pen"));
        api().get("/dynamic/html").then().statusCode(200).contentType(startsWith("text/html"))
                .body(equalTo("<p>html</p>"));
    }

    @Test
    void jsonResponseCarriesStatusHeadersAndCookies() {
        api().get("/accepted").then().statusCode(202)
                .header("Retry-After", "5")
                .cookie("job", "42")
                .body("name", equalTo("job"));
        api().post("/nothing").then().statusCode(204).body(emptyString());
    }

    @Test
    void emptyOptionalIsNotFound() {
        api().get("/absent").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404)).body("error", equalTo("Not Found"));
    }

    @Test
    void optionalBodies() {
        api().contentType(ContentType.JSON).post("/optional").then().statusCode(200).body("present", equalTo(false));
        api().contentType(ContentType.JSON).body("{\"name\":\"x\",\"qty\":1}")
                .post("/optional").then().statusCode(200).body("present", equalTo(true));
        api().post("/maybe").then().statusCode(200).body("present", equalTo(false)).body("name", equalTo("-"));
        api().contentType(ContentType.JSON).body("{\"name\":\"x\",\"qty\":1}")
                .post("/maybe").then().statusCode(200).body("present", equalTo(true)).body("name", equalTo("x"));
    }

    @Test
    void unicodeRoundTripsAsUtf8() {
        String text = "héllo wörld, 世界, emoji 😀, quote \" and \\ backslash";
        Response answer = api().get("/unicode");
        answer.then().statusCode(200).body("name", equalTo(text));
        String raw = new String(answer.asByteArray(), StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"héllo wörld, 世界, emoji 😀, quote \\\" and \\\\ backslash\",\"qty\":1}", raw);

        byte[] body = ("{\"name\":\"" + "Ünïcödé 日本語 🎉" + "\"}").getBytes(StandardCharsets.UTF_8);
        api().contentType("application/json").body(body)
                .post("/echo").then().statusCode(200).body("name", equalTo("Ünïcödé 日本語 🎉"));
        api().contentType("application/json; charset=utf-8").body(body)
                .post("/echo").then().statusCode(200).body("name", equalTo("Ünïcödé 日本語 🎉"));
    }

    @Test
    void vendorJsonContentTypesAreJson() {
        api().contentType("application/merge-patch+json").body("{\"a\":\"b\"}")
                .post("/echo").then().statusCode(200).body("a", equalTo("b"));
    }

    @Test
    void bodyNearTheSizeLimitIsRead() {
        server.close();
        int limit = 64 * 1024;
        app.settings().maxBodySize(limit);
        server = app.start("127.0.0.1", 0);
        String prefix = "{\"big\":\"";
        String suffix = "\"}";
        String filler = "x".repeat(limit - prefix.length() - suffix.length());
        String body = prefix + filler + suffix;
        assertEquals(limit, body.length());
        api().contentType(ContentType.JSON).body(body)
                .post("/echo").then().statusCode(200).body("big.length()", equalTo(filler.length()));

        api().contentType(ContentType.JSON).accept(ContentType.JSON).body(body + " ")
                .post("/echo").then().statusCode(413)
                .contentType("application/json")
                .body("status", equalTo(413))
                .body("error", equalTo(HttpStatus.reason(413)))
                .body("message", startsWith("The request body is larger than the server accepts"))
                .body("$", not(hasKey("exception")));
    }
}
