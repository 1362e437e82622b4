package io.microflask.devtools;

import example.app.ErrorApp;
import io.microflask.App;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    /** In debug mode, over a socket: the reload endpoint is an event stream a browser keeps open. */
    @RegisterExtension
    static final RunningApp debugServer = RunningApp.debug(() -> {
        App app = new App().register(new ErrorApp());
        app.extension(DevTools.class).reload(false);
        return app;
    });

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
        String url = debugServer.url();
        // a whole document, or anything a browser navigates to
        given().baseUri(url).when().get("/fine").then()
                .body(containsString("<script>/* microflask live reload */"));
        // a fragment fetched by a script (fetch, htmx) is left alone
        given().baseUri(url).header("Sec-Fetch-Dest", "empty").when().get("/fine").then()
                .body(not(containsString(LiveReloadScript.MARKER)));
        given().baseUri(url).header("HX-Request", "true").when().get("/fine").then()
                .body(not(containsString(LiveReloadScript.MARKER)));
        // the reserved path is an event stream that says "reload" at once when the page's version is old
        given().baseUri(url).when().get("/__microflask/reload?since=0").then()
                .statusCode(200).contentType("text/event-stream; charset=utf-8")
                .header("Cache-Control", equalTo("no-store"))
                .body(equalTo("retry: 1000\n\nevent: reload\ndata: 1\n\n"));
        given().baseUri(url).when().get("/__microflask/reload?since=soon").then()
                .statusCode(400);
    }

    @Test
    void withoutDebugThereIsNoScriptAndNoReservedPath() {
        TestClient client = new App().register(new ErrorApp()).testClient();
        TestResponse page = client.get("/fine");
        assertEquals(200, page.status());
        assertFalse(page.text().contains(LiveReloadScript.MARKER), page.text());
        assertEquals(404, client.get("/__microflask/reload").status());
    }
}
