package io.microflask.devtools;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.spi.ResponseFilter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Adds the live-reload script to HTML answers in debug mode, for requests that may see debug
 * details ({@link Request#mayShowDebugDetails()}: a client on this machine asking for a loopback
 * or debug host): it listens to the reserved path's server-sent events and reloads the page when
 * the version it was served with is gone.
 */
final class LiveReloadScript implements ResponseFilter {
    static final String MARKER = "microflask live reload";

    private final DevTools devTools;

    LiveReloadScript(DevTools devTools) {
        this.devTools = devTools;
    }

    @Override
    public Response filter(Request request, Response response) {
        LiveReload liveReload = devTools.liveReloadIfActive();
        if (liveReload == null || !request.mayShowDebugDetails() || !isHtml(response) || response.bodyFile() != null || response.streamingBody() != null
                || response.header("Content-Encoding") != null || LiveReloadEndpoint.PATH.equals(request.path())
                || response.status() == 204 || response.status() == 304 || response.status() < 200) {
            return response;
        }
        String body = response.bodyText();
        if (body.contains(MARKER) || !isPageNavigation(request, body)) {
            return response;
        }
        String script = script(liveReload.version());
        int at = body.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        String injected = at >= 0 ? body.substring(0, at) + script + body.substring(at) : body + script;
        response.body(injected.getBytes(StandardCharsets.UTF_8));
        return response;
    }

    static String script(long version) {
        // EventSource reconnects by itself (after the server's "retry"), e.g. across a restart.
        return "<script>/* " + MARKER + " */(function(){var v=" + version + ";"
                + "if(!window.EventSource){return;}"
                + "var s=new EventSource('" + LiveReloadEndpoint.PATH + "?since='+v);"
                + "s.addEventListener('reload',function(){s.close();location.reload();});"
                + "})();</script>\n";
    }

    /**
     * Whether the answer becomes a page in a browser tab, not a fragment that a script fetched
     * (htmx, fetch) and would then run the script again. Browsers say so in
     * {@code Sec-Fetch-Dest}; without it, only whole documents get the script.
     */
    private static boolean isPageNavigation(Request request, String body) {
        if (request.header("HX-Request") != null) {
            return false;
        }
        String destination = request.header("Sec-Fetch-Dest");
        if (destination != null) {
            return destination.equalsIgnoreCase("document") || destination.equalsIgnoreCase("iframe");
        }
        String lower = body.toLowerCase(Locale.ROOT);
        return lower.contains("</body>") || lower.contains("<html");
    }

    private static boolean isHtml(Response response) {
        String type = response.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
    }
}
