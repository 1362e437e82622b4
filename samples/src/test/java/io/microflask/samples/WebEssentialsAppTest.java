package io.microflask.samples;

import io.microflask.RunningServer;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WebEssentialsAppTest {
    @TempDir
    Path uploads;
    private RunningServer server;
    private final CookieFilter browser = new CookieFilter();

    @BeforeEach
    void start() {
        server = WebEssentialsApp.create(uploads).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RequestSpecification browser() {
        return given().baseUri(server.url()).filter(browser).redirects().follow(false);
    }

    @Test
    void loginAndLogoutWithFlashMessages() {
        browser().formParam("user", "mina").formParam("password", "wrong").post("/login").then().statusCode(303)
                .header("Location", "/login");
        browser().get("/login").then().statusCode(200).body(containsString("Wrong user name or password."));

        browser().formParam("user", "mina").formParam("password", "secret").post("/login").then().statusCode(303)
                .header("Location", "/");
        browser().get("/").then().statusCode(200)
                .body(containsString("<p class=\"flash success\">Welcome, mina!</p>"))
                .body(containsString("Hello, mina!"))
                .body(containsString("<link rel=\"stylesheet\" href=\"/static/style.css\">"));
        browser().get("/").then().body(not(containsString("Welcome, mina!"))).body(containsString("Hello, mina!"));

        browser().post("/logout").then().statusCode(303).header("Location", "/");
        browser().get("/").then().body(containsString("You are logged out."))
                .body(containsString("You are not logged in."));
    }

    @Test
    void theStylesheetIsCached() {
        String etag = browser().get("/static/style.css").then().statusCode(200)
                .contentType("text/css; charset=utf-8").header("Cache-Control", "public, max-age=600")
                .extract().header("ETag");
        browser().header("If-None-Match", etag).get("/static/style.css").then().statusCode(304);
    }

    @Test
    void loggedInUsersUploadFiles() throws Exception {
        browser().get("/files/").then().statusCode(303).header("Location", "/login");
        browser().formParam("user", "mina").formParam("password", "secret").post("/login").then().statusCode(303);
        browser().multiPart("document", "../Report 2024.txt", "quarterly numbers".getBytes(StandardCharsets.UTF_8),
                "text/plain").post("/files/upload").then().statusCode(303).header("Location", "/files/");
        assertEquals("quarterly numbers", Files.readString(uploads.resolve("Report_2024.txt")));
        browser().get("/files/").then().statusCode(200).body(containsString("<li>Report_2024.txt</li>"))
                .body(containsString("Uploaded Report_2024.txt (17 bytes)."));
    }
}
