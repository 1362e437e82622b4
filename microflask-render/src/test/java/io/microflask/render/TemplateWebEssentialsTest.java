package io.microflask.render;

import io.microflask.App;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import io.restassured.response.ExtractableResponse;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Templates reach the session, the flashed messages (consumed once shown), url_for and the CSRF token. */
class TemplateWebEssentialsTest {

    public static class WebPages {
        @Route(value = "/save", methods = "POST")
        public Response save(Request request) {
            request.session().put("user", "ada");
            request.flash("Saved <it>.", "success");
            return Response.redirect("/page", 303);
        }

        @Route("/page")
        public View page() {
            return View.of("webbits");
        }

        @Route("/hello/<name>")
        public String hello(String name) {
            return name;
        }

        @Route("/form")
        public View form() {
            return View.of("csrf_form");
        }

        @Route(value = "/comment", methods = "POST")
        public String comment() {
            return "commented";
        }

        @Route("/plain")
        public View plain() {
            return View.of("plain").with("greeting", "hi");
        }
    }

    @Test
    void flashesSessionAndUrlFor() {
        App app = new App().register(new WebPages());
        app.settings().secretKey("test-key-0123456789abcdef0123456789");
        TestClient client = app.testClient();
        assertEquals(303, client.request("POST", "/save").send().status());

        TestResponse first = client.get("/page");
        assertEquals(200, first.status(), first.text());
        assertTrue(first.text().contains("<p class=\"flash success\">Saved &lt;it&gt;.</p>"), first.text());
        assertTrue(first.text().contains("href=\"/hello/Ada?tab=a%26b\""), first.text());
        assertTrue(first.text().contains("href=\"/static/style.css\""), first.text());
        assertTrue(first.text().contains("user=ada"), first.text());

        TestResponse second = client.get("/page");
        assertTrue(second.text().contains("<p>no messages</p>"), "flashes are consumed once shown: " + second.text());
    }

    @Test
    void formsGetTheCsrfFieldAndScriptsTheToken() {
        App app = new App().register(new WebPages());
        app.settings().secretKey("test-key-0123456789abcdef0123456789");
        try (RunningServer server = app.start("127.0.0.1", 0, false)) {
            ExtractableResponse<?> page = given().baseUri(server.url()).get("/form").then().statusCode(200).extract();
            Matcher field = Pattern.compile("<input type=\"hidden\" name=\"csrf_token\" value=\"([A-Za-z0-9_-]+)\">")
                    .matcher(page.asString());
            assertTrue(field.find(), page.asString());
            Matcher meta = Pattern.compile("content=\"([A-Za-z0-9_-]+)\"").matcher(page.asString());
            assertTrue(meta.find(), page.asString());
            String cookie = page.cookie("session");
            given().baseUri(server.url()).cookie("session", cookie).formParam("csrf_token", field.group(1))
                    .post("/comment").then().statusCode(200).body(equalTo("commented"));
            given().baseUri(server.url()).cookie("session", cookie).header("X-CSRF-Token", meta.group(1))
                    .contentType("text/plain").body("hi").post("/comment").then().statusCode(200);
            given().baseUri(server.url()).cookie("session", cookie).formParam("a", "b")
                    .post("/comment").then().statusCode(400);
        }
    }

    @Test
    void pagesThatDoNotMentionTheSessionNeedNoSecretKey() {
        TestResponse response = new App().register(new WebPages()).testClient().get("/plain");
        assertEquals(200, response.status());
        assertEquals("<p>hi</p>\n", response.text());
    }
}
