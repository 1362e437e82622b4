package io.microflask.devtools;

import io.microflask.Request;
import io.microflask.RequestHooks;
import io.microflask.Response;
import io.microflask.RouteInfo;
import io.microflask.spi.ErrorContext;

import java.util.Locale;
import java.util.Set;

/**
 * While the last reload failed (a compile error, a class that would not load, a factory that
 * threw), every request that is not for an asset gets the failure (500) instead of the answer of
 * the last good code, so that stale code is never served silently with a 200: a page from a
 * browser gets the error page, a JSON call JSON, anything else (curl's {@code Accept: *}{@code /*})
 * plain text. Clients that may not see details ({@link Request#mayShowDebugDetails()}) are told
 * only that it failed. It runs as the first app-wide before-request hook, so the stale handler does not
 * run either (a POST changes nothing). Assets keep being answered: stylesheets, scripts, images
 * and fonts a page loads (by {@code Sec-Fetch-Dest}, or an {@code Accept} that names only such
 * types) and static files, the app's ({@code /static/}) and a blueprint's (endpoint {@code name.static}),
 * which no compile changes.
 */
final class ReloadProblemFilter implements RequestHooks.Before {
    private static final Set<String> ASSET_DESTINATIONS = Set.of("style", "script", "image", "font", "audio", "video",
            "track", "manifest", "worker", "sharedworker", "serviceworker", "object", "embed", "xslt");

    private final DevTools devTools;

    ReloadProblemFilter(DevTools devTools) {
        this.devTools = devTools;
    }

    @Override
    public Object before(Request request) {
        ReloadProblem problem = devTools.problem();
        if (problem == null || LiveReloadEndpoint.PATH.equals(request.path()) || isAsset(request)) {
            return null;
        }
        Response shown = new Response(500).header("Cache-Control", "no-store");
        boolean json = DevTools.wantsJson(request);
        String accept = request.header("Accept");
        boolean html = !json && accept != null && accept.contains("text/html");
        if (!request.mayShowDebugDetails()) {
            String text = "The app's last reload failed; the details are shown on the machine it runs on.";
            return shown.contentType(Response.TEXT_UTF8).body(text + "\n");
        }
        ErrorReport failure = problem.failure() == null ? null : ErrorReport.of(
                new ErrorContext(500, problem.title(), problem.failure(), request, null, null, true, true),
                devTools.layout(), devTools.loaders(null), devTools.editor());
        if (json) {
            return shown.contentType("application/json").body(DebugJson.problem(problem, failure));
        }
        if (html) {
            return shown.contentType(Response.HTML_UTF8).body(DebugPage.problem(problem, failure, devTools.editor()));
        }
        return shown.contentType(Response.TEXT_UTF8).body(text(problem));
    }

    /** What a terminal shows: the headline, each compiler message, or the failure. */
    static String text(ReloadProblem problem) {
        StringBuilder text = new StringBuilder(problem.title()).append(" after changing ")
                .append(String.join(", ", problem.changed()))
                .append("; the app does not answer until it is fixed:\n");
        for (CompileDiagnostic diagnostic : problem.diagnostics()) {
            text.append("  ").append(diagnostic.toText()).append('\n');
        }
        if (problem.failure() != null) {
            text.append("  ").append(problem.failure()).append('\n');
        }
        return text.toString();
    }

    private static boolean isAsset(Request request) {
        RouteInfo route = request.route();
        if (request.path().startsWith("/static/") || (route != null
                && (route.endpoint().equals("static") || route.endpoint().endsWith(".static")))) {
            return true;
        }
        String destination = request.header("Sec-Fetch-Dest");
        if (destination != null) {
            return ASSET_DESTINATIONS.contains(destination.strip().toLowerCase(Locale.ROOT));
        }
        String accept = request.header("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (String type : accept.toLowerCase(Locale.ROOT).split(",")) {
            String media = type.strip();
            int parameters = media.indexOf(';');
            media = parameters >= 0 ? media.substring(0, parameters).strip() : media;
            boolean assetType = media.startsWith("image/") || media.startsWith("font/") || media.equals("text/css")
                    || media.contains("javascript") || media.startsWith("audio/") || media.startsWith("video/");
            if (!assetType) {
                return false;
            }
        }
        return true;
    }
}
