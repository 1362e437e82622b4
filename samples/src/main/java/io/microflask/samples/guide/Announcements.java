package io.microflask.samples.guide;

import io.microflask.EventStream;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The guide's server-sent events (docs/websockets.md): every announcement goes to each open
 * stream with its number as the event id, and a browser that reconnects gets what it missed.
 */
@Route("/announcements")
public class Announcements {
    private final List<String> sent = new ArrayList<>();
    // Copied on write: a stream that ends while an announcement is sent removes itself from it.
    private final List<EventStream> listeners = new CopyOnWriteArrayList<>();

    @Route("")
    public Response listen(Request request) {
        return Response.events(request, events -> {
            events.retry(Duration.ofSeconds(2));
            synchronized (this) { // nothing is announced between the catch-up and the subscription
                for (int id = after(events.lastEventId()); id < sent.size(); id++) {
                    events.send("announcement", String.valueOf(id), sent.get(id));
                }
                listeners.add(events);
            }
            events.onClose(() -> listeners.remove(events));
        });
    }

    @Route(value = "", methods = "POST")
    public synchronized String announce(Request request) {
        String text = request.text();
        sent.add(text);
        String id = String.valueOf(sent.size() - 1);
        for (EventStream listener : listeners) {
            listener.send("announcement", id, text);
        }
        return "announced " + id;
    }

    /** The first id a client has not seen: after its Last-Event-ID, or 0 (also for one that is not ours). */
    private static int after(String lastEventId) {
        try {
            return lastEventId == null ? 0 : Math.max(0, Integer.parseInt(lastEventId) + 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
