package io.microflask.session;

import io.microflask.FlashMessage;
import io.microflask.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Where flashed messages live in a session, as Flask keeps them: a list of
 * {@code [category, message]} pairs under {@code _flashes}. Applications flash through
 * {@code request.flash(...)} and read through {@code request.flashes()}; this is their storage.
 */
public final class Flashes {
    private static final String KEY = "_flashes";

    private Flashes() {
    }

    /** Adds a message to the session's list. */
    public static void add(Session session, String message, String category) {
        if (message == null) {
            throw new IllegalArgumentException("flash(null): give the message to show");
        }
        List<Object> flashes = new ArrayList<>(session.getList(KEY));
        flashes.add(List.of(category == null ? FlashMessage.DEFAULT_CATEGORY : category, message));
        session.put(KEY, flashes);
    }

    /** Removes and returns the session's messages; those not shaped as written are dropped. */
    public static List<FlashMessage> take(Session session) {
        if (!session.containsKey(KEY)) {
            return List.of();
        }
        Object stored = session.remove(KEY);
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
