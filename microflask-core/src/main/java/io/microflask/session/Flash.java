package io.microflask.session;

import io.microflask.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * Flask's {@code flash()} and {@code get_flashed_messages()}: a message stored in the session
 * for the next page the user sees (typically after a redirect), then gone.
 *
 * <pre>{@code
 * Flash.flash(request, "Welcome back!", "success");   // or request.flash(...)
 * ...
 * for (FlashMessage m : Flash.messages(request)) ...   // or request.flashes()
 * }</pre>
 */
public final class Flash {
    /** The category of a message flashed without one, as in Flask. */
    public static final String DEFAULT_CATEGORY = "message";

    private Flash() {
    }

    /** Flashes a message in the default category {@code "message"}. */
    public static void flash(Request request, String message) {
        request.flash(message, DEFAULT_CATEGORY);
    }

    /** Flashes a message in a category, e.g. {@code "error"}. */
    public static void flash(Request request, String message, String category) {
        request.flash(message, category);
    }

    /** The messages flashed for this user, removed from the session; the same list for the rest of the request. */
    public static List<FlashMessage> messages(Request request) {
        return request.flashes();
    }

    /** Adds a message to the session's list (for {@link Request#flash}). */
    public static void add(Session session, String message, String category) {
        if (message == null) {
            throw new IllegalArgumentException("flash(null): give the message to show");
        }
        List<Object> flashes = new ArrayList<>(session.getList(Session.FLASHES_KEY));
        flashes.add(List.of(category == null ? DEFAULT_CATEGORY : category, message));
        session.put(Session.FLASHES_KEY, flashes);
    }

    /** Removes and returns the session's messages (for {@link Request#flashes()}). */
    public static List<FlashMessage> take(Session session) {
        if (!session.containsKey(Session.FLASHES_KEY)) {
            return List.of();
        }
        Object stored = session.remove(Session.FLASHES_KEY);
        List<FlashMessage> messages = new ArrayList<>();
        if (stored instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String category
                        && pair.get(1) instanceof String message) {
                    messages.add(new FlashMessage(category, message));
                }
            }
        }
        return List.copyOf(messages);
    }
}
