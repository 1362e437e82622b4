package io.microflask.render;

/**
 * A filter templates apply with a pipe, Jinja's {@code {{ value|name(argument) }}}: in Mustache
 * {@code {{value | name}}} or {@code {{value | name 'argument'}}}. It gets the raw value (not
 * escaped text) and returns a value, which {@code {{...}}} then escapes as any other. Register it
 * once with {@link RenderExtension#filter(String, TemplateFilter)}.
 */
@FunctionalInterface
public interface TemplateFilter {
    /**
     * The filtered value.
     *
     * @param value    the value the pipe gets, {@code null} when the name is missing
     * @param argument the filter's argument: a quoted text, a number, or a value looked up by
     *                 name; {@code null} when none is given
     */
    Object apply(Object value, Object argument);
}
