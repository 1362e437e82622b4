package io.microflask.json;

import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionRegistry;

/**
 * Installs the JSON error renderer ahead of other renderers. It answers only clients that want
 * JSON (see {@link JsonErrorRenderer}), so asking it first takes nothing from HTML pages.
 */
final class JsonErrors implements Extension {
    /** Before devtools' detailed HTML page, which would otherwise answer API clients in debug mode. */
    static final int ORDER = -1000;

    private final JsonExtension json;

    JsonErrors(JsonExtension json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "microflask-json errors";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void install(ExtensionRegistry registry) {
        registry.addErrorRenderer(new JsonErrorRenderer(json));
    }
}
