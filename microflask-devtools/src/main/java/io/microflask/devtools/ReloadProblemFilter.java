package io.microflask.devtools;

import io.microflask.Request;
import io.microflask.RequestHooks;
import io.microflask.Response;
import io.microflask.spi.ErrorContext;

/**
 * While the last reload failed (a compile error, a class that would not load), pages and JSON
 * calls from clients that may see details ({@link Request#mayShowDebugDetails()}) get the failure instead of the answer of the last
 * good code, so that stale code is never served silently. It runs as the first app-wide
 * before-request hook, so the stale handler does not run either (a POST changes nothing); other
 * clients keep being answered by the last good code.
 */
final class ReloadProblemFilter implements RequestHooks.Before {
    private final DevTools devTools;

    ReloadProblemFilter(DevTools devTools) {
        this.devTools = devTools;
    }

    @Override
    public Object before(Request request) {
        ReloadProblem problem = devTools.problem();
        if (problem == null || LiveReloadEndpoint.PATH.equals(request.path()) || !request.mayShowDebugDetails()) {
            return null;
        }
        boolean json = DevTools.wantsJson(request);
        String accept = request.header("Accept");
        if (!json && (accept == null || !accept.contains("text/html"))) {
            // Stylesheets, images and scripts a page loads stay as they are.
            return null;
        }
        ErrorReport failure = problem.failure() == null ? null : ErrorReport.of(
                new ErrorContext(500, problem.title(), problem.failure(), request, null, null, true, true),
                devTools.layout(), devTools.loaders(null), devTools.editor());
        Response shown = new Response(500).header("Cache-Control", "no-store");
        if (json) {
            return shown.contentType("application/json").body(DebugJson.problem(problem, failure));
        }
        return shown.contentType(Response.HTML_UTF8).body(DebugPage.problem(problem, failure, devTools.editor()));
    }
}
