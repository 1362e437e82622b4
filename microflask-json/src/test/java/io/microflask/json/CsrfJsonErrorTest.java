package io.microflask.json;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A CSRF refusal answered as JSON to a script that asks for JSON, saying why. */
class CsrfJsonErrorTest {

    public static class Comments {
        @Route(value = "/comments", methods = "POST")
        public String add() {
            return "added";
        }
    }

    @Test
    void aScriptGetsTheRefusalAsJsonWithItsReason() {
        App app = new App().register(new Comments());
        app.settings().secretKey("test-key-0123456789abcdef0123456789");
        try (RunningServer server = app.start("127.0.0.1", 0, false)) {
            given().baseUri(server.url()).accept("application/json").contentType("text/plain").body("hi")
                    .post("/comments").then().statusCode(400).contentType("application/json")
                    .body("status", equalTo(400))
                    .body("csrf", equalTo("missing_token"))
                    .body("message", containsString("X-CSRF-Token"));
            given().baseUri(server.url()).accept("application/json").header("Origin", "https://evil.example")
                    .contentType("application/x-www-form-urlencoded").body("a=b")
                    .post("/comments").then().statusCode(400).body("csrf", equalTo("cross_origin"));
        }
    }
}
