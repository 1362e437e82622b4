package io.microflask.devtools;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;


/**
 * The reserved path the live-reload script listens to, as server-sent events:
 * {@code GET /__microflask/reload?since=N} is a {@code text/event-stream} that sends
 * {@code event: reload} (with the new version as its data) as soon as the version differs from
 * {@code N}, and a comment line every {@code liveReloadTimeout} meanwhile, which keeps proxies from
 * timing it out and tells a tab that went away. Registered only in debug mode; the stream ends at
 * shutdown. A request that may not see debug details ({@link Request#mayShowDebugDetails()}, e.g.
 * one with {@code Host: evil.example} from a page that rebound its name to 127.0.0.1) gets a 404.
 */
public final class LiveReloadEndpoint {
    /** The reserved path. */
    public static final String PATH = "/__microflask/reload";

    private final DevTools devTools;
    private final Duration heartbeat;

    LiveReloadEndpoint(DevTools devTools, Duration heartbeat) {
        this.devTools = devTools;
        this.heartbeat = heartbeat;
    }

    /** The event stream a page listens to: an event after each reload. */
    @Route(value = PATH, endpoint = "__microflask.reload")
    public Response events(Request request) {
        if (!request.mayShowDebugDetails()) {
            // As if it were not there: no stream for another site's page, nor for a remote client.
            throw new HttpException(404, "The requested URL " + request.path() + " was not found on this server.");
        }
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
        // An event stream: it waits for the next change holding no thread; its heartbeat comment
        // keeps proxies from timing it out and tells a tab that went away.
        return Response.events(request, events -> {
            events.heartbeat(heartbeat);
            CompletableFuture<Long> change = liveReload.nextChange();
            // How long the browser waits before reconnecting, e.g. while the server restarts.
            events.retry(Duration.ofSeconds(1));
            long now = liveReload.version();
            if (now != seen) {
                events.send("reload", String.valueOf(now));
                events.close();
                return;
            }
            change.whenComplete((version, failure) -> {
                if (version != null && version != seen && !liveReload.closed()) {
                    events.send("reload", String.valueOf(version));
                }
                events.close();
            });
        });
    }
}
