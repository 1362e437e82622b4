package io.microflask.render;

import io.microflask.App;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The notes page over a real socket: rendered into a pooled buffer and sent by the Netty server. */
class RenderServerTest {

    /** A fresh server, with the two starting notes, for each test. */
    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> new App().register(new NotesApp()));

    @Test
    void servesTheNotesPageAndItsFormOverHttp() {
        String base = server.url();
        given().get(base + "/notes").then()
                .statusCode(200)
                .contentType("text/html; charset=utf-8")
                .body(containsString("<title>Notes (2)</title>"))
                .body(containsString("<li class=\"note\">Call Bob</li>"));

        // Sent as a browser sends a form of the app's own page (CsrfTest covers the token).
        given().redirects().follow(false).header("Sec-Fetch-Site", "same-origin")
                .formParam("title", "<b>Ship it</b>").post(base + "/notes").then()
                .statusCode(303)
                .header("Location", equalTo("/notes"));
        given().get(base + "/notes").then()
                .body(containsString("<li class=\"note\">&lt;b&gt;Ship it&lt;/b&gt;</li>"))
                .body(not(containsString("<b>Ship it</b>")));
    }

    @Test
    void aHeadRequestGetsTheRenderedLengthAndNoBody() {
        String base = server.url();
        int length = given().get(base + "/hello/Ada").then().extract().body().asByteArray().length;
        given().head(base + "/hello/Ada").then()
                .statusCode(200)
                .header("Content-Length", equalTo(String.valueOf(length)))
                .body(equalTo(""));
    }
}
