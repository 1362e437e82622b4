package io.microflask.render;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.spi.ResultWriter;

import java.lang.reflect.Type;

/** Writes a {@link View} returned by a handler as rendered HTML. */
final class ViewWriter implements ResultWriter {
    private final RenderExtension templates;

    ViewWriter(RenderExtension templates) {
        this.templates = templates;
    }

    @Override
    public boolean canWrite(Class<?> rawType, Type genericType) {
        return View.class.isAssignableFrom(rawType);
    }

    @Override
    public Response write(Object value, Request request) {
        return templates.render(request, (View) value);
    }
}
