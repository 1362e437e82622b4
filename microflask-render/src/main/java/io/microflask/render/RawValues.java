package io.microflask.render;

import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The values inside a lambda section, kept raw. Mustache renders a lambda's body before the
 * lambda sees it, with every {@code {{value}}} already HTML-escaped, so {@code url_for} would get
 * {@code R&amp;D} for {@code R&D} and split {@code a b} in two. While such a body renders,
 * {@link TemplateCompiler#encode} writes a placeholder for each value instead (a private-use
 * character pair around its index) and keeps the value here; the lambda splits the text into
 * words first and puts the raw values back afterwards, so a value is always one whole word.
 */
final class RawValues {
    static final char START = '\uE000';
    static final char END = '\uE001';
    private static final ThreadLocal<List<String>> CAPTURING = new ThreadLocal<>();

    private final String text;
    private final List<String> values;

    private RawValues(String text, List<String> values) {
        this.text = text;
        this.values = values;
    }

    /** A lambda that wants its section's values raw. */
    interface Lambda {
        /** The HTML to write in place of the section (escaped by the lambda itself). */
        String apply(RawValues body);
    }

    /** Renders a lambda's body with {@code body}, capturing its values. */
    static RawValues render(Consumer<Writer> body) {
        List<String> outer = CAPTURING.get();
        List<String> values = new ArrayList<>();
        StringWriter written = new StringWriter();
        CAPTURING.set(values);
        try {
            body.accept(written);
        } finally {
            CAPTURING.set(outer);
        }
        return new RawValues(written.toString(), values);
    }

    /** Plain text with no values in it. */
    static RawValues of(String text) {
        return new RawValues(text, List.of());
    }

    /** Where an escaped value goes while a lambda body renders, or {@code null} when none does. */
    static String placeholder(String value) {
        List<String> values = CAPTURING.get();
        if (values == null) {
            return null;
        }
        values.add(value);
        return START + Integer.toString(values.size() - 1) + END;
    }

    /** The body's words (split on whitespace in the template's own text only), values put back. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(restore(word));
            }
        }
        return words;
    }

    /** The whole body with the raw values put back. */
    String text() {
        return restore(text);
    }

    private String restore(String part) {
        if (part.indexOf(START) < 0) {
            return part;
        }
        StringBuilder out = new StringBuilder(part.length() + 16);
        int at = 0;
        while (at < part.length()) {
            char c = part.charAt(at);
            int end = c == START ? part.indexOf(END, at) : -1;
            if (end > at) {
                out.append(values.get(Integer.parseInt(part.substring(at + 1, end))));
                at = end + 1;
            } else {
                out.append(c);
                at++;
            }
        }
        return out.toString();
    }
}
