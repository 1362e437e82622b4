package io.microflask.render;

import io.microflask.Request;
import io.microflask.Response;

import java.util.Map;

/**
 * Flask's {@code render_template} for handlers that build their own {@link Response}:
 *
 * <pre>{@code
 * @Route(value = "/notes", methods = {"POST"})
 * public Response create(Request request) {
 *     return Templates.render(request, "notes", Map.of("error", "a title is required")).status(422);
 * }
 * }</pre>
 */
public final class Templates {
    private Templates() {
    }

    /** Renders {@code templates/<template>.mustache} with the model into a 200 HTML response. */
    public static Response render(Request request, String template, Map<String, ?> model) {
        return render(request, View.of(template, model));
    }

    /** Renders a view into a 200 HTML response. */
    public static Response render(Request request, View view) {
        return extensionOf(request).render(request, view);
    }

    /**
     * Renders a template given as text (Flask's {@code render_template_string}) into a 200 HTML
     * response; see {@link RenderExtension#renderString}.
     */
    public static Response renderString(Request request, String template, Map<String, ?> model) {
        return extensionOf(request).renderString(request, template, model);
    }

    private static RenderExtension extensionOf(Request request) {
        RenderExtension extension = request.extension(RenderExtension.class);
        if (extension == null) {
            throw new IllegalStateException("Templates.render needs microflask-render installed in the app answering "
                    + request + ". It installs itself when on the classpath, unless the app was made with "
                    + "App.withoutExtensionDiscovery(); then call app.install(new RenderExtension()).");
        }
        return extension;
    }
}
