package io.microflask.security;

import io.microflask.App;
import io.microflask.CsrfException;
import io.microflask.CsrfExempt;
import io.microflask.ErrorHandler;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import io.microflask.testsupport.RunningApp;
import io.restassured.response.ExtractableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSRF protection, on by default, through a real server (and the test client filling the token in). */
class CsrfTest {
    static final String KEY = "test-secret-key-0123456789abcdef";
    private static final Pattern HIDDEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    public static class Pages {
        @Route("/form")
        public String form(Request request) {
            return "<form method=post action=/notes><input type=hidden name=\"csrf_token\" value=\""
                    + request.csrfToken() + "\"></form>";
        }

        @Route(value = "/notes", methods = {"POST", "PUT", "DELETE"})
        public String add(Request request) {
            return "saved " + request.form("title");
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) {
            return "uploaded " + request.file("file").filename();
        }

        @Route(value = "/big-upload", methods = "POST", maxBodySize = 8 << 20)
        public String bigUpload(Request request) throws java.io.IOException {
            try (java.io.InputStream in = request.file("file").inputStream()) {
                return "uploaded " + in.readAllBytes().length;
            }
        }

        @CsrfExempt
        @Route(value = "/webhook", methods = "POST")
        public String webhook(Request request) {
            return "hooked " + request.form("event");
        }
    }

    @CsrfExempt
    @Route("/hooks")
    public static class Hooks {
        @Route(value = "/in", methods = "POST")
        public String in() {
            return "class exempt";
        }
    }

    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Pages(), new Hooks());
        app.settings().secretKey(KEY).csrfTrustedOrigins("https://shop.example.com")
                .bodyMemoryThreshold(16 * 1024).uploadMemoryThreshold(16 * 1024);
        return app;
    });

    /** A page load: the session cookie and the token its form carries. */
    private record Page(String cookie, String token) {
    }

    private Page loadForm() {
        ExtractableResponse<?> page = given().baseUri(server.url()).get("/form").then().statusCode(200).extract();
        Matcher token = HIDDEN.matcher(page.asString());
        assertTrue(token.find(), page.asString());
        String cookie = page.cookie("session");
        assertNotNull(cookie, "issuing a token stores it in the session, so the page sets the cookie");
        return new Page(cookie, token.group(1));
    }

    @Test
    void crossSiteFormPostIsRefusedAndTheSameWithTheTokenIsAccepted() {
        Page page = loadForm();
        // What a page on another site can send: the user's cookie, but neither token nor same origin.
        given().baseUri(server.url()).cookie("session", page.cookie())
                .contentType("application/x-www-form-urlencoded").body("title=forged")
                .post("/notes").then().statusCode(400)
                .body(containsString("CSRF token is missing"))
                .body(containsString("csrf_token"));
        given().baseUri(server.url()).cookie("session", page.cookie())
                .contentType("application/x-www-form-urlencoded")
                .body("title=hello&csrf_token=" + page.token())
                .post("/notes").then().statusCode(200).body(equalTo("saved hello"));
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheToken() {
        Page page = loadForm();
        given().baseUri(server.url()).cookie("session", page.cookie()).header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded").body("title=x&csrf_token=" + page.token())
                .post("/notes").then().statusCode(400)
                .body(containsString("came from https://evil.example"))
                .body(containsString("csrfTrustedOrigins"));
        given().baseUri(server.url()).cookie("session", page.cookie()).header("Sec-Fetch-Site", "cross-site")
                .contentType("application/x-www-form-urlencoded").body("title=x&csrf_token=" + page.token())
                .post("/notes").then().statusCode(400).body(containsString("Sec-Fetch-Site: cross-site"));
        given().baseUri(server.url()).cookie("session", page.cookie()).header("Sec-Fetch-Site", "same-site")
                .contentType("application/x-www-form-urlencoded").body("title=x&csrf_token=" + page.token())
                .post("/notes").then().statusCode(400);
        given().baseUri(server.url()).header("Origin", "null")
                .contentType("text/plain").body("x").post("/notes").then().statusCode(400);
    }

    @Test
    void theOwnOriginStillNeedsTheTokenWhileSecFetchSiteSameOriginIsEnough() {
        Page page = loadForm();
        given().baseUri(server.url()).cookie("session", page.cookie()).header("Origin", server.url())
                .contentType("application/x-www-form-urlencoded").body("title=x")
                .post("/notes").then().statusCode(400).body(containsString("missing"));
        given().baseUri(server.url()).cookie("session", page.cookie()).header("Origin", server.url())
                .contentType("application/x-www-form-urlencoded").body("title=x&csrf_token=" + page.token())
                .post("/notes").then().statusCode(200);
        given().baseUri(server.url()).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded").body("title=browser")
                .post("/notes").then().statusCode(200).body(equalTo("saved browser"));
        given().baseUri(server.url()).header("Origin", "https://shop.example.com").header("Sec-Fetch-Site", "cross-site")
                .contentType("application/x-www-form-urlencoded").body("title=trusted")
                .post("/notes").then().statusCode(200).body(equalTo("saved trusted"));
    }

    @Test
    void aTokenOfAnotherSessionOrATamperedOneIsInvalid() {
        Page mine = loadForm();
        Page theirs = loadForm();
        given().baseUri(server.url()).cookie("session", mine.cookie())
                .contentType("application/x-www-form-urlencoded").body("title=x&csrf_token=" + theirs.token())
                .post("/notes").then().statusCode(400).body(containsString("does not belong to this session"));
        given().baseUri(server.url())
                .contentType("application/x-www-form-urlencoded").body("title=x&csrf_token=" + mine.token())
                .post("/notes").then().statusCode(400).body(containsString("does not belong to this session"));
        given().baseUri(server.url()).cookie("session", mine.cookie()).header("X-CSRF-Token", "not-a-token")
                .contentType("application/x-www-form-urlencoded").body("title=x")
                .post("/notes").then().statusCode(400);
    }

    @Test
    void theHeaderCarriesTheTokenForScriptsAndEveryMaskedFormIsValid() {
        Page page = loadForm();
        String second = given().baseUri(server.url()).cookie("session", page.cookie()).get("/form")
                .then().statusCode(200).extract().asString();
        Matcher again = HIDDEN.matcher(second);
        assertTrue(again.find());
        assertNotEquals(page.token(), again.group(1), "masked afresh for every page, against BREACH");
        for (String token : new String[] {page.token(), again.group(1)}) {
            given().baseUri(server.url()).cookie("session", page.cookie()).header("X-CSRF-Token", token)
                    .contentType("text/plain").body("note").put("/notes").then().statusCode(200);
        }
    }

    @Test
    void multipartFormsCarryTheTokenAsAField() {
        Page page = loadForm();
        given().baseUri(server.url()).cookie("session", page.cookie())
                .multiPart("file", "a.txt", "hello".getBytes(), "text/plain")
                .post("/upload").then().statusCode(400);
        given().baseUri(server.url()).cookie("session", page.cookie())
                .multiPart("csrf_token", page.token())
                .multiPart("file", "a.txt", "hello".getBytes(), "text/plain")
                .post("/upload").then().statusCode(200).body(equalTo("uploaded a.txt"));
    }

    @Test
    void theTokenFieldOfAStreamedMultipartBodyIsReadBeforeTheHandler() {
        Page page = loadForm();
        byte[] data = new byte[3 << 20];
        new java.util.Random(7).nextBytes(data);
        given().baseUri(server.url()).cookie("session", page.cookie())
                .multiPart("file", "big.bin", data, "application/octet-stream")
                .post("/big-upload").then().statusCode(400).body(containsString("csrf_token"));
        given().baseUri(server.url()).cookie("session", page.cookie())
                .multiPart("csrf_token", page.token())
                .multiPart("file", "big.bin", data, "application/octet-stream")
                .post("/big-upload").then().statusCode(200).body(equalTo("uploaded " + data.length));
    }

    @Test
    void whatBrowsersCannotSendCrossSiteIsNotChecked() {
        given().baseUri(server.url()).contentType("application/json").body("{\"title\":\"x\"}")
                .post("/notes").then().statusCode(200);
        given().baseUri(server.url()).header("Authorization", "Bearer abc.def")
                .contentType("application/x-www-form-urlencoded").body("title=api")
                .post("/notes").then().statusCode(200).body(equalTo("saved api"));
        given().baseUri(server.url()).delete("/notes").then().statusCode(200);
        given().baseUri(server.url()).get("/notes").then().statusCode(405);
        // A POST without Content-Type is what fetch(url, {method: "POST", mode: "no-cors"}) sends.
        given().baseUri(server.url()).post("/notes").then().statusCode(400);
    }

    @Test
    void exemptRoutesAndClassesAreNotChecked() {
        given().baseUri(server.url()).header("Origin", "https://payments.example")
                .contentType("application/x-www-form-urlencoded").body("event=paid")
                .post("/webhook").then().statusCode(200).body(equalTo("hooked paid"));
        given().baseUri(server.url()).contentType("application/x-www-form-urlencoded").body("a=b")
                .post("/hooks/in").then().statusCode(200).body(equalTo("class exempt"));
    }

    @Test
    void turnedOffAppWideNothingIsChecked() {
        App app = new App().register(new Pages());
        app.settings().secretKey(KEY).csrfProtection(false);
        try (var running = app.start("127.0.0.1", 0, false)) {
            given().baseUri(running.url()).header("Origin", "https://evil.example")
                    .contentType("application/x-www-form-urlencoded").body("title=open")
                    .post("/notes").then().statusCode(200);
        }
    }

    public static class Probe {
        @Route(value = "/probe", methods = "POST")
        public String probe(Request request) {
            return "token=" + (request.header("X-CSRF-Token") != null) + " site=" + request.header("Sec-Fetch-Site");
        }
    }

    @Test
    void theTestClientFillsTheTokenInByItself() {
        App app = new App().register(new Pages(), new Probe());
        app.settings().secretKey(KEY);
        TestClient client = app.testClient();
        // No page issued a token yet: what a browser sends for the app's own page.
        TestResponse before = client.postForm("/probe", Map.of("a", "b"));
        assertEquals("token=false site=same-origin", before.text());
        assertTrue(client.cookies().isEmpty(), "the client never makes a session by itself");
        // Once a page put a token in the session, the client sends that session's token, which is checked.
        assertEquals(200, client.get("/form").status());
        assertEquals("token=true site=null", client.postForm("/probe", Map.of("a", "b")).text());
        TestResponse saved = client.postForm("/notes", Map.of("title", "from a test"));
        assertEquals(200, saved.status(), saved.text());
        assertEquals("saved from a test", saved.text());
        // A session cookie given by hand is the one whose token is sent.
        String cookie = client.cookies().get("session");
        assertEquals(200, app.testClient().request("POST", "/notes").header("Cookie", "session=" + cookie)
                .body("application/x-www-form-urlencoded", "title=x").send().status());

        TestResponse refused = client.request("POST", "/notes").withoutCsrfToken()
                .body("application/x-www-form-urlencoded", "title=forged").send();
        assertEquals(400, refused.status());
        assertTrue(refused.text().contains("CSRF token is missing"), refused.text());
        Matcher token = HIDDEN.matcher(client.get("/form").text());
        assertTrue(token.find());
        assertEquals(200, client.request("POST", "/notes").withoutCsrfToken()
                .body("application/x-www-form-urlencoded", "title=x&csrf_token=" + token.group(1)).send().status());
        assertEquals(400, client.request("POST", "/notes").header("Origin", "https://evil.example")
                .body("application/x-www-form-urlencoded", "title=x").send().status(),
                "what the test says it is wins: a page on another site");
    }

    @Test
    void withoutASecretKeyTheTestClientSendsWhatASameOriginBrowserSends() {
        App app = new App().register(new Pages());
        TestResponse saved = app.testClient().postForm("/notes", Map.of("title", "keyless"));
        assertEquals(200, saved.status(), saved.text());
    }

    public static class OwnErrorPage {
        @Route(value = "/comment", methods = "POST")
        public String comment() {
            return "commented";
        }

        @ErrorHandler(exception = CsrfException.class)
        public Response expired(CsrfException refused) {
            return Response.html("Your form expired (" + refused.reason() + "); please send it again.").status(400);
        }
    }

    @Test
    void anAppAnswersTheRefusalItsOwnWay() {
        App app = new App().register(new OwnErrorPage());
        app.settings().secretKey(KEY);
        try (var running = app.start("127.0.0.1", 0, false)) {
            given().baseUri(running.url()).contentType("application/x-www-form-urlencoded").body("a=b")
                    .post("/comment").then().statusCode(400)
                    .body(equalTo("Your form expired (MISSING_TOKEN); please send it again."));
        }
    }
}
