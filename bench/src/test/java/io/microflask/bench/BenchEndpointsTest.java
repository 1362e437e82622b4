package io.microflask.bench;

import io.microflask.RunningServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The comparison is fair only if both servers give the same answers: same status, type and body. */
class BenchEndpointsTest {
    private static RawNettyServer raw;
    private static RunningServer microflask;

    @BeforeAll
    static void start() throws InterruptedException {
        raw = RawNettyServer.start("127.0.0.1", 0);
        microflask = BenchApp.app().start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (microflask != null) {
            microflask.close();
        }
        if (raw != null) {
            raw.close();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/plaintext | text/plain; charset=utf-8 | Hello, World!",
            "/json      | application/json          | {\"message\":\"Hello, World!\"}",
            "/user/42   | application/json          | {\"id\":42,\"name\":\"User 42\"}",
            "/user/7    | application/json          | {\"id\":7,\"name\":\"User 7\"}",
    })
    void bothServersGiveTheSameAnswer(String path, String contentType, String body) {
        for (int port : new int[] {raw.port(), microflask.port()}) {
            Response response = given().port(port).get(path);
            String server = port == raw.port() ? "raw Netty" : "microflask";
            assertEquals(200, response.statusCode(), server + " " + path);
            assertEquals(contentType, response.contentType(), server + " " + path);
            assertEquals(body, response.asString(), server + " " + path);
            assertEquals(String.valueOf(body.length()), response.header("Content-Length"), server + " " + path);
        }
        // The event-loop copies under /el answer the same.
        Response fast = given().port(microflask.port()).get("/el" + path);
        assertEquals(200, fast.statusCode(), "/el" + path);
        assertEquals(contentType, fast.contentType(), "/el" + path);
        assertEquals(body, fast.asString(), "/el" + path);
    }

    @Test
    void neitherServerAnswersANonNumericUserId() {
        assertEquals(404, given().port(raw.port()).get("/user/abc").statusCode());
        assertEquals(404, given().port(microflask.port()).get("/user/abc").statusCode());
    }
}
