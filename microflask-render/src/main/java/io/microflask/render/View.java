package io.microflask.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A page to render: a template name and the values it shows. Return one from a handler and
 * microflask-render answers with the rendered HTML ({@code text/html; charset=utf-8}).
 *
 * <pre>{@code
 * @Route("/hello/<name>")
 * public View hello(String name) {
 *     return View.of("hello").with("name", name);
 * }
 * }</pre>
 *
 * @param template the template's name relative to {@code templates/} on the classpath, e.g.
 *                 {@code "hello"} for {@code templates/hello.mustache} or {@code "admin/users"};
 *                 a name with an extension ({@code "page.html"}) is used as it is
 * @param model    the values the template can show, by name; {@code null} values are allowed and
 *                 count as false/empty in the template
 */
public record View(String template, Map<String, Object> model) {

    /** Checks the template name and copies the model (see the record's parameters). */
    public View {
        Objects.requireNonNull(template, "template");
        if (template.isBlank()) {
            throw new IllegalArgumentException("a View needs a template name, e.g. View.of(\"index\") for "
                    + "templates/index.mustache");
        }
        model = model == null || model.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(model));
    }

    /** A view of a template with an empty model. */
    public static View of(String template) {
        return new View(template, Map.of());
    }

    /** A view of a template with these values. */
    public static View of(String template, Map<String, ?> model) {
        return new View(template, model == null ? Map.of() : new LinkedHashMap<String, Object>(model));
    }

    /** This view with one more value (or a value replaced); the view itself is not changed. */
    public View with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> model = new LinkedHashMap<>(this.model);
        model.put(name, value);
        return new View(template, model);
    }
}
