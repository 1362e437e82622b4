package io.microflask.render;

import io.microflask.util.Html;
import io.microflask.Request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Flask's {@code url_for} in templates, as a Mustache lambda: the section's text is an endpoint
 * followed by {@code name=value} pairs, e.g. {@code {{#url_for}}static filename=style.css{{/url_for}}}
 * or {@code {{#url_for}}notesPages.hello name=Ada{{/url_for}}}. Variables of the route fill its
 * path; other pairs become the query string. The URL comes out HTML-escaped, ready for an
 * attribute.
 */
final class UrlForLambda implements Function<String, String> {
    private final Request request;

    UrlForLambda(Request request) {
        this.request = request;
    }

    @Override
    public String apply(String text) {
        String[] words = text.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("{{#url_for}} needs an endpoint, e.g. {{#url_for}}static filename=style.css{{/url_for}}");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("{{#url_for}}" + text + "{{/url_for}}: '" + words[i]
                        + "' is not a name=value pair");
            }
            values.put(words[i].substring(0, equals), words[i].substring(equals + 1));
        }
        return Html.escape(request.urlFor(words[0], values));
    }
}
