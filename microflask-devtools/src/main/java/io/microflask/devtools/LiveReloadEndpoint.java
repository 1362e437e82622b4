package io.microflask.devtools;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;

import java.time.Duration;

/**
 * The reserved path the live-reload script asks: {@code GET /__microflask/reload?since=N}
 * answers {@code {"version":M}} as soon as the version differs from {@code N}, or after the
 * timeout with the same version (the script then asks again). Registered only in debug mode.
 */
public final class LiveReloadEndpoint {
    /** The reserved path. */
    public static final String PATH = "/__microflask/reload";

    private final DevTools devTools;
    private final Duration timeout;

    LiveReloadEndpoint(DevTools devTools, Duration timeout) {
        this.devTools = devTools;
        this.timeout = timeout;
    }

    @Route(value = PATH, endpoint = "__microflask.reload")
    public Response poll(Request request) throws InterruptedException {
        LiveReload liveReload = devTools.liveReloadIfActive();
        if (liveReload == null) {
            throw new HttpException(503, "live reload is off: the server is stopping or not in debug mode");
        }
        String since = request.query("since");
        long seen;
        try {
            seen = since == null ? liveReload.version() : Long.parseLong(since);
        } catch (NumberFormatException e) {
            throw new HttpException(400, "query argument 'since' must be a whole number, got '" + since + "'");
        }
        long version = liveReload.awaitChange(seen, timeout);
        return new Response(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("{\"version\":" + version + "}");
    }
}
