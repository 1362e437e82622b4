package io.microflask.render;

import io.microflask.Request;
import io.microflask.FlashMessage;

import java.util.Iterator;
import java.util.List;

/**
 * The flashed messages as templates see them, Flask's {@code get_flashed_messages(with_categories=true)}:
 * {@code {{#flashes}}<p class="{{category}}">{{message}}</p>{{/flashes}}}. Taken from the session
 * (and so consumed) the first time a template iterates them, not before.
 */
final class TemplateFlashes implements Iterable<FlashMessage> {
    private final Request request;
    private List<FlashMessage> messages;

    TemplateFlashes(Request request) {
        this.request = request;
    }

    @Override
    public Iterator<FlashMessage> iterator() {
        if (messages == null) {
            messages = request.flashes();
        }
        return messages.iterator();
    }
}
