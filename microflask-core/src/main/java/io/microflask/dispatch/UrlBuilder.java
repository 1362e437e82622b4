package io.microflask.dispatch;

import io.microflask.Route;
import io.microflask.routing.PathEncoding;
import io.microflask.routing.RoutePattern;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds URLs from endpoint names ({@code url_for}), the reverse of routing. */
final class UrlBuilder {
    private UrlBuilder() {
    }

    static String build(RouteTable table, String endpoint, Map<String, ?> values) {
        RoutePattern pattern = table.patternOf(table.resolve(endpoint));
        if (pattern == null) {
            Set<String> known = new TreeSet<>(table.endpoints().keySet());
            throw new IllegalArgumentException("urlFor(\"" + endpoint + "\"): no route has this endpoint. Known "
                    + "endpoints: " + known + ". A route's endpoint is its class name (first letter in lower case) "
                    + "and method name, e.g. \"notesApp.index\", unless set with @Route(endpoint = \"...\").");
        }
        Map<String, ?> given = values == null ? Map.of() : values;
        Set<String> used = new HashSet<>();
        StringBuilder url = new StringBuilder();
        for (RoutePattern.Part part : pattern.parts()) {
            url.append('/');
            if (!part.isVariable()) {
                url.append(PathEncoding.encodeSegment(part.literal()));
                continue;
            }
            String name = part.variable();
            Object value = given.get(name);
            if (value == null) {
                throw new IllegalArgumentException("urlFor(\"" + endpoint + "\"): route '" + pattern.source()
                        + "' needs a value for <" + part.converterName() + ":" + name + ">; pass it, e.g. "
                        + "Map.of(\"" + name + "\", ...). Values given: " + given.keySet());
            }
            try {
                url.append(part.converter().toPath(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("urlFor(\"" + endpoint + "\"): the value " + value + " for <"
                        + part.converterName() + ":" + name + "> of route '" + pattern.source()
                        + "' cannot be put in the path: " + e.getMessage(), e);
            }
            used.add(name);
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, ?> entry : given.entrySet()) {
            if (used.contains(entry.getKey()) || entry.getValue() == null) {
                continue;
            }
            Collection<?> items = entry.getValue() instanceof Collection<?> collection ? collection
                    : List.of(entry.getValue());
            for (Object item : items) {
                query.append(query.length() == 0 ? '?' : '&')
                        .append(PathEncoding.encodeQueryComponent(entry.getKey())).append('=')
                        .append(PathEncoding.encodeQueryComponent(String.valueOf(item)));
            }
        }
        return url.append(query).toString();
    }
}
