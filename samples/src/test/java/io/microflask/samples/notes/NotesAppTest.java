package io.microflask.samples.notes;

import io.microflask.RunningServer;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every route of the notes app, through a real server on port 0. */
class NotesAppTest {
    private RunningServer server;
    private final CookieFilter browser = new CookieFilter();

    @BeforeEach
    void start() {
        server = NotesApp.create(new InMemoryNoteStore(Clock.systemUTC())).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RequestSpecification browser() {
        return given().baseUri(server.url()).filter(browser).redirects().follow(false);
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
    void jsonApiRejectsBadBodiesWithJson400() {
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
        server = NotesApp.create(new InMemoryNoteStore(Clock.systemUTC())).start("127.0.0.1", 0, true);
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
}
