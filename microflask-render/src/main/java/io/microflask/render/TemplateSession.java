package io.microflask.render;

import io.microflask.Request;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The session as templates see it ({@code {{session.user}}}). Read only when a template names it,
 * so pages that never mention the session work in apps without a secret key.
 */
final class TemplateSession extends AbstractMap<String, Object> {
    private final Request request;

    TemplateSession(Request request) {
        this.request = request;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && request.session().containsKey(name);
    }

    @Override
    public Object get(Object key) {
        return key instanceof String name ? request.session().get(name) : null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Map.copyOf(request.session().asMap()).entrySet();
    }
}
