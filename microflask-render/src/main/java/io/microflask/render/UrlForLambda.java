package io.microflask.render;

import io.microflask.util.Html;
import io.microflask.Request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Flask's {@code url_for} in templates, as a Mustache lambda: the section's text is an endpoint
 * followed by {@code name=value} pairs, e.g. {@code {{#url_for}}static filename=style.css{{/url_for}}}
 * or {@code {{#url_for}}search q={{q}}{{/url_for}}}. A {@code {{value}}} in it is taken raw, whole
 * (spaces, {@code &}, quotes and non-ASCII included; see {@link RawValues}). Variables of the
 * route fill its path; other pairs become the query string. The URL comes out HTML-escaped,
 * ready for an attribute.
 */
final class UrlForLambda implements Function<String, String>, RawValues.Lambda {
    private final Request request;

    UrlForLambda(Request request) {
        this.request = request;
    }

    @Override
    public String apply(RawValues body) {
        List<String> words = body.words();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("{{#url_for}} needs an endpoint, e.g. {{#url_for}}static filename=style.css{{/url_for}}");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("{{#url_for}}" + body.text() + "{{/url_for}}: '" + word
                        + "' is not a name=value pair");
            }
            values.put(word.substring(0, equals), word.substring(equals + 1));
        }
        return Html.escape(request.urlFor(words.get(0), values));
    }

    /** Only reached where a lambda section is not compiled by {@link TemplateCompiler}: nothing in it is a value. */
    @Override
    public String apply(String text) {
        return apply(RawValues.of(text));
    }
}
