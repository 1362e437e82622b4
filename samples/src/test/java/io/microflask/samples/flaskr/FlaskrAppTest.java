package io.microflask.samples.flaskr;

import io.microflask.App;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/coming-from-flask.md's Flaskr does what the guide says, as Flaskr's own tests do in Flask. */
class FlaskrAppTest {
    private static final String TEST_KEY = "flaskr-test-key-0123456789abcdef0123";

    @TempDir
    Path uploads;

    private TestClient client;

    @BeforeEach
    void setUp() {
        App app = FlaskrApp.create(new App(), uploads);
        app.settings().secretKey(TEST_KEY);
        client = app.testClient();
    }

    @Test
    void registerThenLogIn() {
        TestResponse registered = client.post("/auth/register")
                .form("username", "ada").form("password", "lovelace").send();
        assertEquals(303, registered.status());
        assertEquals("/auth/login", registered.header("Location"));

        TestResponse home = client.post("/auth/login")
                .form("username", "ada").form("password", "lovelace").followRedirects().send();
        assertEquals(200, home.status());
        assertTrue(home.url().endsWith("/"), home.url());
        assertTrue(home.text().contains("<span class=\"user\">ada</span>"), home.text());
        assertEquals("ada", client.session().getString("user"));
    }

    @Test
    void aWrongPasswordFlashesAnError() {
        client.post("/auth/register").form("username", "ada").form("password", "lovelace").send();
        TestResponse page = client.post("/auth/login")
                .form("username", "ada").form("password", "babbage").followRedirects().send();
        assertTrue(page.text().contains("<p class=\"flash error\">Incorrect username or password.</p>"), page.text());
        assertNull(client.session().getString("user"));

        TestResponse again = client.post("/auth/register")
                .form("username", "ada").form("password", "other").followRedirects().send();
        assertTrue(again.text().contains("User ada is already registered."), again.text());
    }

    @Test
    void aMissingFormFieldIsA400() {
        TestResponse missing = client.post("/auth/login").form("username", "ada").send();
        assertEquals(400, missing.status());
        assertTrue(missing.text().contains("missing form field &#39;password&#39;"), missing.text());
    }

    @Test
    void loginRequiredSendsToTheLoginPage() {
        TestResponse refused = client.get("/create");
        assertEquals(302, refused.status());
        assertEquals("/auth/login", refused.header("Location"));
    }

    @Test
    void aLoggedInUserWritesAndDeletesAPost() {
        client.sessionTransaction(session -> session.put("user", "ada"));
        TestResponse index = client.post("/create").form("title", "Hello").form("body", "First <b>post</b>")
                .followRedirects().send();
        assertTrue(index.text().contains("<a href=\"/1\">Hello</a>"), index.text());
        assertTrue(index.text().contains("First &lt;b&gt;post&lt;/b&gt;"), index.text());
        assertTrue(client.get("/1").text().contains("/1/delete"));

        client.sessionTransaction(session -> session.put("user", "grace"));
        assertEquals(403, client.post("/1/delete").send().status());
        assertFalse(client.get("/1").text().contains("/1/delete"));

        client.sessionTransaction(session -> session.put("user", "ada"));
        assertEquals(303, client.post("/1/delete").send().status());
        TestResponse gone = client.get("/1");
        assertEquals(404, gone.status());
        assertTrue(gone.text().contains("<p class=\"message\">Post id 1 doesn&#39;t exist.</p>"), gone.text());
    }

    @Test
    void aBlankTitleFlashesAndGoesBack() {
        client.sessionTransaction(session -> session.put("user", "ada"));
        TestResponse form = client.post("/create").form("title", " ").followRedirects().send();
        assertTrue(form.url().endsWith("/create"), form.url());
        assertTrue(form.text().contains("Title is required."), form.text());
    }

    @Test
    void queryArguments() {
        assertEquals("results for R&amp;D, page 2", client.get("/search?q=R%26D&page=2").text());
        assertEquals("results for , page 1", client.get("/search").text());
        assertEquals(400, client.get("/search?page=two").status());
    }

    @Test
    void uploadsAreKeptUnderASafeNameAndSentBack() throws Exception {
        TestResponse saved = client.post("/photos")
                .file("photo", "../../My Cat.png", "image/png", new byte[] {1, 2, 3}).send();
        assertEquals(303, saved.status());
        assertEquals("/photos/My_Cat.png", saved.header("Location"));
        assertTrue(Files.isRegularFile(uploads.resolve("My_Cat.png")));

        TestResponse download = client.get("/photos/My_Cat.png");
        assertEquals(200, download.status());
        assertEquals(3, download.body().length);
        assertTrue(download.header("Content-Disposition").startsWith("attachment"), download.header("Content-Disposition"));
        assertEquals(404, client.get("/photos/..").status());
        assertEquals(404, client.get("/photos/%2e%2e%2fsecret").status());
        assertEquals(404, client.get("/photos/none.png").status());
    }

    @Test
    void json() {
        TestResponse created = client.post("/api/posts").json(Map.of("title", "Hi", "body", "two words")).send();
        assertEquals(201, created.status());
        assertEquals("Hi", created.json("title"));
        assertEquals(2L, created.json("words"));
        assertEquals(true, client.get("/api/status").json("ok"));
        assertEquals(400, client.post("/api/posts").body("application/json", "{\"title\": 1, \"x\": 2}").send().status());
    }

    @Test
    void headersCookiesAndMakeResponse() {
        TestResponse dark = client.get("/dark");
        assertEquals("dark", dark.header("X-Theme"));
        assertEquals("dark", client.cookie("theme"));
        TestResponse who = client.request("GET", "/whoami").header("User-Agent", "curl/8").send();
        assertEquals("curl/8 prefers dark", who.text());
    }

    @Test
    void templatesFromAString() {
        assertEquals("<p>Hello &lt;script&gt;!</p>", client.get("/greet/%3Cscript%3E").text());
    }

    @Test
    void streamedBody() {
        TestResponse csv = client.get("/export.csv?rows=2");
        assertEquals("1,row 1\n2,row 2\n", new String(csv.body(), StandardCharsets.UTF_8));
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    }

    @Test
    void hooksAndErrorHandlersApplyToEveryAnswer() {
        TestResponse missing = client.get("/nowhere");
        assertEquals(404, missing.status());
        assertTrue(missing.text().contains("<h1>Not Found</h1>"), missing.text());
        assertEquals("microflask", missing.header("X-Powered-By"));
        assertEquals("microflask", client.get("/").header("X-Powered-By"));
    }

    @Test
    void urlFor() {
        App app = FlaskrApp.create(new App(), uploads);
        assertEquals("/auth/login", app.urlFor("auth.loginForm"));
        assertEquals("/", app.urlFor("index"));
        assertEquals("/3?next=%2F", app.urlFor("blog.post", Map.of("id", 3, "next", "/")));
    }
}
