package io.microflask.devtools;

import io.microflask.HttpException;
import io.microflask.Response;
import io.microflask.spi.ErrorContext;
import io.microflask.spi.ErrorRenderer;

/**
 * Renders a handler's exception as the detailed debug page (or its JSON variant) when details
 * may be shown; otherwise, and for plain status errors such as 404, leaves the answer to the
 * next renderer (core's page, microflask-json's JSON).
 */
final class DebugErrorRenderer implements ErrorRenderer {
    private final DevTools devTools;

    DebugErrorRenderer(DevTools devTools) {
        this.devTools = devTools;
    }

    @Override
    public Response render(ErrorContext error) {
        Throwable failure = error.exception();
        if (!error.showDetails()) {
            return null;
        }
        if (error.status() == 404 && error.route() == null && error.request() != null
                && !DevTools.wantsJson(error.request())) {
            return new Response(404).contentType(Response.HTML_UTF8).header("Cache-Control", "no-store")
                    .body(DebugPage.notFound(error.message(), error.request(), devTools.routes()));
        }
        if (failure == null) {
            return null;
        }
        if (failure instanceof HttpException && (error.status() < 500 || failure.getCause() == null)) {
            return null;
        }
        ErrorReport report = ErrorReport.of(error, devTools.layout(), devTools.loaders(error), devTools.editor());
        Response response = new Response(error.status()).header("Cache-Control", "no-store");
        if (DevTools.wantsJson(error.request())) {
            return response.contentType("application/json")
                    .body(DebugJson.exception(report, error.request(), error.message()));
        }
        return response.contentType(Response.HTML_UTF8).body(DebugPage.exception(report, error.request()));
    }
}
