package io.microflask.samples.guide;

import io.microflask.AfterRequest;
import io.microflask.BeforeRequest;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TeardownRequest;

/** The README's request hooks: an admin area whose hooks apply under its prefix only. */
@Route("/admin")
public class Hooks {

    @BeforeRequest
    public Response requireAdmin(Request request) {
        if (!"letmein".equals(request.header("X-Admin-Token"))) {
            return Response.redirect("/login", 303);          // answers early: the handler is not called
        }
        request.attribute("startedAt", System.nanoTime());     // Flask's g.startedAt
        return null;
    }

    @Route("/stats")
    public String stats() {
        return "all good";
    }

    @AfterRequest
    public void timing(Request request, Response response) {
        Long started = request.attribute("startedAt");
        if (started != null) {
            response.header("X-Elapsed-Micros", (System.nanoTime() - started) / 1000);
        }
    }

    @TeardownRequest
    public void cleanUp(Request request, Throwable failure) {
        // Always runs, even when the handler threw (failure is then non-null): release what the request held.
    }
}
