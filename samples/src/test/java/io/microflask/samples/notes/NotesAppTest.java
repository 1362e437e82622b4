package io.microflask.samples.notes;

import io.microflask.App;
import io.microflask.RunningServer;
import io.microflask.ServerStartException;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every route of the notes app, through a real server on port 0. */
class NotesAppTest {
    private RunningServer server;
    private final CookieFilter browser = new CookieFilter();

    /** What the tests sign sessions with: the app's source has no key, and production mode needs one. */
    private static final String TEST_KEY = "notes-app-test-key-0123456789abcdef";

    @BeforeEach
    void start() {
        App app = NotesApp.create(new InMemoryNoteStore(Clock.systemUTC()));
        app.settings().secretKey(TEST_KEY);
        server = app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A browser on a page of the app: it keeps cookies and sends what browsers send for the app's own pages. */
    private RequestSpecification browser() {
        return given().baseUri(server.url()).filter(browser).redirects().follow(false)
                .header("Sec-Fetch-Site", "same-origin");
    }

    /** A browser without Sec-Fetch-Site (an older one): only the token in the page's form gets its posts through. */
    private RequestSpecification olderBrowser() {
        return given().baseUri(server.url()).filter(browser).redirects().follow(false);
    }

    private String csrfTokenIn(String page) {
        Matcher field = Pattern.compile("<input type=\"hidden\" name=\"csrf_token\" value=\"([^\"]+)\">")
                .matcher(olderBrowser().get(page).then().statusCode(200).extract().asString());
        assertTrue(field.find(), "the form of " + page + " carries the CSRF token");
        return field.group(1);
    }

    @Test
    void everyFormCarriesTheCsrfTokenAndAPostFromAnotherSiteIsRefused() {
        olderBrowser().formParam("username", "ada").post("/login").then().statusCode(400)
                .body(containsString("CSRF token is missing"));
        olderBrowser().formParam("username", "ada").formParam("csrf_token", csrfTokenIn("/login"))
                .post("/login").then().statusCode(303).header("Location", "/private");
        olderBrowser().formParam("text", "by token").formParam("csrf_token", csrfTokenIn("/"))
                .post("/notes").then().statusCode(303);
        olderBrowser().get("/").then().body(containsString("by token"));
        // A page on another site, with the user's cookie: refused even with a token it somehow had.
        olderBrowser().header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .formParam("text", "forged").formParam("csrf_token", csrfTokenIn("/"))
                .post("/notes").then().statusCode(400).body(containsString("came from https://evil.example"));
        olderBrowser().get("/").then().body(not(containsString("forged")));
    }

    /** Logs the browser in as {@code username}: what the API's writes need. */
    private void logIn(String username) {
        browser().formParam("username", username).post("/login").then().statusCode(303)
                .header("Location", "/private");
    }

    @Test
    void indexListsNotesNewestFirstWithFlashedMessages() {
        browser().get("/").then().statusCode(200).contentType("text/html; charset=utf-8")
                .body(containsString("No notes yet."))
                .body(containsString("<link rel=\"stylesheet\" href=\"/static/style.css\">"));
        browser().formParam("text", "first").post("/notes").then().statusCode(303).header("Location", "/");
        browser().formParam("text", "second <b>").post("/notes").then().statusCode(303);
        String page = browser().get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Note saved."), page);
        assertTrue(page.indexOf("second &lt;b&gt;") < page.indexOf("first"), "newest first: " + page);
        browser().get("/").then().body(not(containsString("Note saved.")));
    }

    @Test
    void emptyNoteFlashesAnError() {
        browser().formParam("text", "  ").post("/notes").then().statusCode(303).header("Location", "/");
        browser().get("/").then().body(containsString("<p class=\"flash error\">A note needs some text.</p>"))
                .body(containsString("No notes yet."));
    }

    @Test
    void helloEscapesTheName() {
        browser().get("/hello/Ada").then().statusCode(200).body(containsString("Hello, Ada!"));
        browser().urlEncodingEnabled(false).get("/hello/%3Cscript%3Ealert(1)%3C%2Fscript%3E").then()
                .statusCode(404);
        browser().urlEncodingEnabled(false).get("/hello/%3Cscript%3E").then().statusCode(200)
                .body(containsString("Hello, &lt;script&gt;!")).body(not(containsString("<script>")));
    }

    @Test
    void jsonApiCrud() {
        logIn("ada");
        String location = browser().contentType(ContentType.JSON).body("{\"text\": \"Buy milk\"}")
                .post("/api/notes").then().statusCode(201).contentType("application/json")
                .header("Location", matchesPattern("/api/notes/\\d+"))
                .body("text", equalTo("Buy milk"))
                .body("id", notNullValue())
                .body("created", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"))
                .extract().header("Location");
        browser().get(location).then().statusCode(200).body("text", equalTo("Buy milk"));
        browser().get("/api/notes").then().statusCode(200).body("$", hasSize(1)).body("[0].text", equalTo("Buy milk"));
        browser().contentType(ContentType.JSON).body("{\"text\": \"Buy oat milk\"}").put(location).then()
                .statusCode(200).body("text", equalTo("Buy oat milk"));
        browser().delete(location).then().statusCode(204).body(emptyString());
        browser().get(location).then().statusCode(404).contentType("application/json").body("status", equalTo(404));
        browser().get("/api/notes/999").then().statusCode(404).body("error", equalTo("Not Found"));
    }

    @Test
    void jsonApiWritesNeedTheLoginOfThePagesAndReadsDoNot() {
        String unauthorized = "Log in first: changing notes needs the session of POST /login (send its cookie).";
        browser().contentType(ContentType.JSON).body("{\"text\": \"Buy milk\"}").post("/api/notes").then()
                .statusCode(401).contentType("application/json").body("status", equalTo(401))
                .body("error", equalTo("Unauthorized")).body("message", equalTo(unauthorized))
                .header("WWW-Authenticate", startsWith("Cookie realm=\"notes\""));
        browser().contentType(ContentType.JSON).body("{\"text\": \"x\"}").put("/api/notes/1").then().statusCode(401);
        // Without a body or a JSON Accept header, still a JSON 401.
        browser().delete("/api/notes/1").then().statusCode(401).contentType("application/json")
                .body("message", equalTo(unauthorized));
        browser().get("/api/notes").then().statusCode(200).body("$", hasSize(0));

        logIn("ada");
        String location = browser().contentType(ContentType.JSON).body("{\"text\": \"Buy milk\"}").post("/api/notes")
                .then().statusCode(201).extract().header("Location");
        browser().post("/logout").then().statusCode(303);
        browser().delete(location).then().statusCode(401);
        browser().get(location).then().statusCode(200).body("text", equalTo("Buy milk"));

        // A forged session for the same name is refused like none: the key is not in the source.
        String forged = "eyJ1c2VybmFtZSI6ImFkYSJ9.MTcwMDAwMDAwMA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        given().baseUri(server.url()).cookie("session", forged).delete(location).then().statusCode(401);
    }

    @Test
    void aNoteHasASizeLimitThatThePageAndTheApiState() {
        String longest = "x".repeat(Note.MAX_TEXT_LENGTH);
        String tooLong = longest + "y";
        browser().formParam("text", tooLong).post("/notes").then().statusCode(400)
                .body(containsString("A note holds at most 10000 characters; this one has 10001."));
        browser().formParam("text", " " + longest + " ").post("/notes").then().statusCode(303);
        logIn("ada");
        browser().contentType(ContentType.JSON).body("{\"text\": \"" + tooLong + "\"}").post("/api/notes").then()
                .statusCode(400).contentType("application/json")
                .body("message", equalTo("The JSON body is invalid: A note holds at most 10000 characters; this one has "
                        + "10001."));
        browser().contentType(ContentType.JSON).body("{\"text\": \"" + tooLong + "\"}").put("/api/notes/1").then()
                .statusCode(400);
        // Characters, not UTF-16 units: 10,000 emoji fit.
        browser().contentType(ContentType.JSON).body("{\"text\": \"" + "\uD83D\uDE00".repeat(Note.MAX_TEXT_LENGTH) + "\"}")
                .post("/api/notes").then().statusCode(201);
        browser().get("/api/notes").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void jsonApiRejectsBadBodiesWithJson400() {
        logIn("ada");
        browser().contentType(ContentType.JSON).body("{\"text\": ").post("/api/notes").then().statusCode(400)
                .contentType("application/json").body("line", notNullValue()).body("column", notNullValue());
        browser().contentType(ContentType.JSON).body("{}").post("/api/notes").then().statusCode(400)
                .body("message", containsString("text must be a non-empty string"));
        browser().contentType(ContentType.JSON).body("{\"text\": \"\"}").post("/api/notes").then().statusCode(400)
                .body("message", containsString("text must be a non-empty string"));
        browser().contentType(ContentType.JSON).body("{\"text\": \"x\"}").put("/api/notes/5").then().statusCode(404)
                .contentType("application/json");
    }

    @Test
    void loginPrivateLogout() {
        browser().get("/private").then().statusCode(303).header("Location", "/login");
        browser().get("/login").then().statusCode(200).body(containsString("name=\"username\""));
        browser().formParam("username", "").post("/login").then().statusCode(303).header("Location", "/login");
        browser().formParam("username", "ada").post("/login").then().statusCode(303).header("Location", "/private");
        browser().get("/private").then().statusCode(200).body(containsString("logged in as <strong>ada</strong>"))
                .body(containsString("Welcome, ada!"));
        browser().post("/logout").then().statusCode(303).header("Location", "/");
        browser().get("/").then().body(containsString("You are logged out."));
        browser().get("/private").then().statusCode(303).header("Location", "/login");
    }

    @Test
    void uploadAnswersNameAndSize() {
        byte[] content = "hello upload".getBytes(StandardCharsets.UTF_8);
        browser().multiPart("file", "hello.txt", content, "text/plain").post("/upload").then().statusCode(200)
                .body(containsString("<span class=\"filename\">hello.txt</span>"))
                .body(containsString("<span class=\"size\">" + content.length + "</span>"));
    }

    @Test
    void anUploadCanBeDownloadedAgainWithRangesAndValidators() {
        byte[] content = "0123456789 an uploaded file".getBytes(StandardCharsets.UTF_8);
        String page = browser().multiPart("file", "my notes.txt", content, "text/html").post("/upload").then()
                .statusCode(200).extract().asString();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/uploads/[0-9a-f-]{36})\"").matcher(page);
        assertTrue(link.find(), page);
        String url = link.group(1);
        var whole = browser().get(url).then().statusCode(200).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"my notes.txt\"")
                .header("Accept-Ranges", "bytes").extract();
        assertArrayEquals(content, whole.asByteArray());
        browser().header("Range", "bytes=0-9").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 0-9/" + content.length).body(equalTo("0123456789"));
        browser().header("If-None-Match", whole.header("ETag")).get(url).then().statusCode(304);
        browser().get("/uploads/123e4567-e89b-12d3-a456-426614174000").then().statusCode(404);
    }

    @Test
    void pagesAreCompressedForClientsThatAcceptIt() {
        for (int i = 0; i < 40; i++) {
            browser().formParam("text", "note number " + i + " with some text to fill the page").post("/notes");
        }
        // REST Assured decodes the body; the headers show what came over the wire.
        browser().header("Accept-Encoding", "gzip").get("/").then().statusCode(200)
                .header("Content-Encoding", "gzip").header("Vary", containsString("Accept-Encoding"))
                .body(containsString("note number 39"));
    }

    @Test
    void stylesheetIsServedWithCachingHeaders() {
        String etag = browser().get("/static/style.css").then().statusCode(200).contentType(containsString("text/css"))
                .header("Cache-Control", containsString("max-age=3600")).header("ETag", notNullValue())
                .extract().header("ETag");
        browser().header("If-None-Match", etag).get("/static/style.css").then().statusCode(304);
    }

    @Test
    void crashInProductionRevealsNothing() {
        browser().get("/crash").then().statusCode(500)
                .body(containsString("Internal Server Error"))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("NotesPages")));
    }

    @Test
    void crashInDebugShowsTheDetailedPageToThisMachine() {
        server.close();
        App app = NotesApp.create(new InMemoryNoteStore(Clock.systemUTC()));
        app.settings().secretKey(TEST_KEY);
        server = app.start("127.0.0.1", 0, true);
        browser().header("Accept", "text/html").get("/crash").then().statusCode(500)
                .body(containsString("IllegalStateException"))
                .body(containsString("This page fails on purpose"))
                .body(containsString("NotesPages.java"));
    }

    @Test
    void unknownApiPathIsJsonForJsonClients() {
        browser().accept(ContentType.JSON).get("/api/nothing").then().statusCode(404)
                .contentType("application/json").body("message", endsWith("was not found on this server."));
    }

    @Test
    void withoutAKeyProductionRefusesToStartAndDebugModeMakesOneInTheInstanceFolder(@TempDir Path instance) {
        App production = NotesApp.create(new InMemoryNoteStore(Clock.systemUTC()));
        production.settings().secretKey(null); // as when MICROFLASK_SECRET_KEY is unset
        ServerStartException refused = assertThrows(ServerStartException.class,
                () -> production.start("127.0.0.1", 0).close());
        assertTrue(refused.getMessage().contains("export MICROFLASK_SECRET_KEY=$(openssl rand -hex 32)"),
                refused.getMessage());

        App debug = NotesApp.create(new InMemoryNoteStore(Clock.systemUTC()));
        debug.settings().secretKey(null).instancePath(instance);
        server.close();
        server = debug.start("127.0.0.1", 0, true);
        assertTrue(Files.isRegularFile(instance.resolve("secret_key")));
        logIn("grace");
        browser().get("/private").then().statusCode(200).body(containsString("logged in as <strong>grace</strong>"));
    }

    @Test
    void theSourcesHoldNoSecretKey() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                assertFalse(text.contains("secretKey(\""), source + " sets a secret key in its source");
            }
        }
    }
}
