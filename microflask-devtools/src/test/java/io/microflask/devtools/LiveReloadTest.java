package io.microflask.devtools;

import example.app.ErrorApp;
import io.microflask.App;
import io.microflask.RunningServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LiveReloadTest {

    @Test
    void awaitChangeReturnsTheNewVersionWhenSomethingChanges() throws Exception {
        LiveReload liveReload = new LiveReload();
        long seen = liveReload.version();
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return liveReload.awaitChange(seen, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertFalse(waiting.isDone());

        liveReload.changed();

        assertEquals(seen + 1, waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void awaitChangeAnswersTheSameVersionAfterTheTimeoutAndAtOnceWhenClosed() throws Exception {
        LiveReload liveReload = new LiveReload();
        long seen = liveReload.version();

        assertEquals(seen, liveReload.awaitChange(seen, Duration.ofMillis(20)));
        // a page served before the last change is answered at once
        assertEquals(seen, liveReload.awaitChange(seen - 1, Duration.ofSeconds(20)));
        liveReload.close();
        assertEquals(seen, liveReload.awaitChange(seen, Duration.ofSeconds(20)));
    }

    @Test
    void pagesGetTheScriptFragmentsAndJsonDoNot() {
        App app = new App().register(new ErrorApp());
        app.extension(DevTools.class).settings().reload(false);
        try (RunningServer server = app.start("127.0.0.1", 0, true)) {
            // a whole document, or anything a browser navigates to
            given().baseUri(server.url()).when().get("/fine").then()
                    .body(containsString("<script>/* microflask live reload */"));
            // a fragment fetched by a script (fetch, htmx) is left alone
            given().baseUri(server.url()).header("Sec-Fetch-Dest", "empty").when().get("/fine").then()
                    .body(not(containsString(LiveReloadScript.MARKER)));
            given().baseUri(server.url()).header("HX-Request", "true").when().get("/fine").then()
                    .body(not(containsString(LiveReloadScript.MARKER)));
            // the reserved path is an event stream that says "reload" at once when the page's version is old
            given().baseUri(server.url()).when().get("/__microflask/reload?since=0").then()
                    .statusCode(200).contentType("text/event-stream; charset=utf-8")
                    .header("Cache-Control", equalTo("no-store"))
                    .body(equalTo("retry: 1000\n\nevent: reload\ndata: 1\n\n"));
            given().baseUri(server.url()).when().get("/__microflask/reload?since=soon").then()
                    .statusCode(400);
        }
    }

    @Test
    void withoutDebugThereIsNoScriptAndNoReservedPath() {
        App app = new App().register(new ErrorApp());
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            given().baseUri(server.url()).when().get("/fine").then()
                    .statusCode(200).body(not(containsString(LiveReloadScript.MARKER)));
            given().baseUri(server.url()).when().get("/__microflask/reload").then().statusCode(404);
        }
    }
}
