package io.microflask.devtools;

import io.microflask.Request;
import io.microflask.RouteInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.microflask.util.Html.escape;

/**
 * The detailed error page of debug mode, as one self-contained HTML document (inline CSS and a
 * few lines of script, no external assets). Everything taken from the request, the exception or
 * a file is escaped.
 */
final class DebugPage {
    private static final int MAX_BODY_SHOWN = 4096;

    private DebugPage() {
    }

    /** The page for an exception a handler threw. */
    static String exception(ErrorReport report, Request request) {
        StringBuilder html = new StringBuilder(16 * 1024);
        ErrorReport.ExceptionView first = report.chain().isEmpty() ? null : report.chain().get(0);
        String title = first == null ? report.status() + " " + report.reason() : simpleName(first.type());
        start(html, title + " — microflask debug");
        html.append("<header class=\"bar\"><b>").append(report.status()).append(' ').append(escape(report.reason()))
                .append("</b>");
        if (request != null) {
            html.append(" &middot; <code>").append(escape(request.method())).append(' ')
                    .append(escape(request.uri())).append("</code>");
        }
        html.append("<span class=\"why\">shown because debug mode is on and this client may see details</span>"
                + "</header>\n<main>\n");
        if (first != null) {
            html.append("<h1 class=\"type\">").append(escape(first.type())).append("</h1>\n");
            html.append("<pre class=\"message\">").append(escape(first.message() == null ? "(no message)"
                    : first.message())).append("</pre>\n");
        }
        ErrorReport.FrameView origin = report.origin();
        if (origin != null) {
            html.append("<p class=\"where\">in ");
            frameLocation(html, origin);
            html.append(" &mdash; <code>").append(escape(simpleName(origin.className()))).append('.')
                    .append(escape(origin.method())).append("()</code></p>\n");
        }
        if (report.template() != null) {
            ErrorReport.TemplateLocation template = report.template();
            html.append("<section class=\"template\"><h2>Template <a class=\"open\" href=\"")
                    .append(escape(template.editorLink())).append("\">").append(escape(template.name())).append(':')
                    .append(template.line()).append("</a></h2>\n");
            code(html, template.lines());
            html.append("</section>\n");
        }
        html.append("<section><h2>Traceback</h2>\n");
        for (ErrorReport.ExceptionView exception : report.chain()) {
            exception(html, exception, exception == first);
        }
        html.append("</section>\n");
        route(html, report);
        request(html, request);
        html.append("<section><h2>Plain traceback <button type=\"button\" onclick=\"copyTraceback(this)\">Copy"
                + "</button></h2>\n<textarea id=\"traceback\" readonly rows=\"12\">")
                .append(escape(report.traceback())).append("</textarea></section>\n");
        end(html);
        return html.toString();
    }

    /** The page for a reload that failed: compile errors with file, line and message, or the failure. */
    static String problem(ReloadProblem problem, ErrorReport failure, Editor editor) {
        StringBuilder html = new StringBuilder(8 * 1024);
        start(html, problem.title() + " — microflask debug");
        html.append("<header class=\"bar\"><b>").append(escape(problem.title())).append("</b> &middot; reloading ")
                .append(escape(String.join(", ", problem.changed())))
                .append("<span class=\"why\">the app keeps running the last good code; fix it and save, and this "
                        + "page refreshes by itself</span></header>\n<main>\n");
        html.append("<h1 class=\"type\">").append(escape(problem.title())).append("</h1>\n");
        for (CompileDiagnostic diagnostic : problem.diagnostics()) {
            html.append("<section class=\"diagnostic\"><h2>");
            if (diagnostic.file() != null) {
                String where = diagnostic.file().getFileName() + (diagnostic.line() > 0 ? ":" + diagnostic.line() : "");
                html.append("<a class=\"open\" href=\"").append(escape(editor.link(diagnostic.file(),
                        (int) diagnostic.line()))).append("\" title=\"").append(escape(diagnostic.file().toString()))
                        .append("\">").append(escape(where)).append("</a>");
                if (diagnostic.column() > 0) {
                    html.append(" <small>column ").append(diagnostic.column()).append("</small>");
                }
            } else {
                html.append("compiler");
            }
            html.append("</h2>\n<pre class=\"message\">").append(escape(diagnostic.message())).append("</pre>\n");
            code(html, SourceLines.around(diagnostic.file(), diagnostic.line()), diagnostic.column());
            html.append("</section>\n");
        }
        if (failure != null) {
            html.append("<section><h2>Traceback</h2>\n");
            for (ErrorReport.ExceptionView exception : failure.chain()) {
                exception(html, exception, exception == failure.chain().get(0));
            }
            html.append("</section>\n<section><h2>Plain traceback</h2><textarea readonly rows=\"12\">")
                    .append(escape(failure.traceback())).append("</textarea></section>\n");
        }
        end(html);
        return html.toString();
    }

    /** The 404 of debug mode: what was asked, and every route the app has. */
    static String notFound(String message, Request request, List<RouteInfo> routes) {
        StringBuilder html = new StringBuilder(4096);
        start(html, "404 Not Found — microflask debug");
        html.append("<header class=\"bar quiet\"><b>404 Not Found</b> &middot; <code>").append(escape(request.method()))
                .append(' ').append(escape(request.uri())).append("</code><span class=\"why\">shown because debug "
                        + "mode is on and this client may see details</span></header>\n<main>\n")
                .append("<pre class=\"message\">").append(escape(message)).append("</pre>\n")
                .append("<section><h2>Routes of this app</h2>\n");
        if (routes.isEmpty()) {
            html.append("<p>None: register an object with <code>@Route</code> methods, "
                    + "e.g. <code>app.register(new HelloApp())</code>.</p>\n");
        } else {
            html.append("<table><tr><th>methods</th><th>pattern</th><th>endpoint</th><th>handler</th></tr>");
            for (RouteInfo route : routes) {
                html.append("<tr><td>").append(escape(String.join(", ", new java.util.TreeSet<>(route.methods()))))
                        .append("</td><td><code>").append(escape(route.pattern())).append("</code></td><td>")
                        .append(escape(route.endpoint())).append("</td><td><code>")
                        .append(escape(route.handler().getDeclaringClass().getName())).append('.')
                        .append(escape(route.handler().getName())).append("()</code></td></tr>");
            }
            html.append("</table>\n");
        }
        html.append("</section>\n");
        end(html);
        return html.toString();
    }

    private static void exception(StringBuilder html, ErrorReport.ExceptionView exception, boolean first) {
        html.append("<div class=\"exception\"><h3>");
        if (!exception.relation().isEmpty()) {
            html.append("<span class=\"relation\">").append(escape(exception.relation())).append(":</span> ");
        }
        html.append(escape(exception.type()));
        if (!first && exception.message() != null) {
            html.append(": <span class=\"msg\">").append(escape(exception.message())).append("</span>");
        }
        html.append("</h3>\n");
        List<ErrorReport.FrameView> folded = new ArrayList<>();
        for (ErrorReport.FrameView frame : exception.frames()) {
            if (frame.application()) {
                fold(html, folded);
                html.append("<div class=\"frame app\"><div class=\"head\"><code>")
                        .append(escape(frame.className())).append('.').append(escape(frame.method()))
                        .append("</code> ");
                frameLocation(html, frame);
                html.append("</div>\n");
                code(html, frame.lines());
                html.append("</div>\n");
            } else {
                folded.add(frame);
            }
        }
        fold(html, folded);
        if (exception.framesInCommon() > 0) {
            html.append("<p class=\"common\">&hellip; ").append(exception.framesInCommon())
                    .append(" more frames, the same as in the exception above</p>\n");
        }
        html.append("</div>\n");
    }

    private static void fold(StringBuilder html, List<ErrorReport.FrameView> frames) {
        if (frames.isEmpty()) {
            return;
        }
        html.append("<details class=\"folded\"><summary>").append(frames.size())
                .append(frames.size() == 1 ? " framework frame" : " framework frames").append("</summary><pre>");
        for (ErrorReport.FrameView frame : frames) {
            html.append("at ").append(escape(frame.text())).append('\n');
        }
        html.append("</pre></details>\n");
        frames.clear();
    }

    private static void frameLocation(StringBuilder html, ErrorReport.FrameView frame) {
        String where = (frame.fileName() == null ? "Unknown Source" : frame.fileName())
                + (frame.line() > 0 ? ":" + frame.line() : "");
        if (frame.editorLink() != null) {
            html.append("<a class=\"open\" href=\"").append(escape(frame.editorLink())).append("\" title=\"open ")
                    .append(escape(frame.source().toString())).append(" in the editor\">").append(escape(where))
                    .append("</a>");
        } else {
            html.append("<span class=\"open\">").append(escape(where)).append("</span>");
        }
    }

    private static void code(StringBuilder html, List<SourceLines.Line> lines) {
        code(html, lines, 0);
    }

    /** Numbered lines; with a column (1-based), a caret under it in the current line, as javac prints. */
    private static void code(StringBuilder html, List<SourceLines.Line> lines, long column) {
        if (lines.isEmpty()) {
            return;
        }
        html.append("<pre class=\"code\">");
        for (SourceLines.Line line : lines) {
            html.append("<span class=\"line").append(line.current() ? " current" : "").append("\"><span class=\"ln\">")
                    .append(line.number()).append("</span>").append(escape(line.text())).append("</span>");
            if (line.current() && column > 0 && column <= line.text().length() + 1) {
                StringBuilder indent = new StringBuilder();
                for (int i = 0; i < column - 1; i++) {
                    indent.append(line.text().charAt(i) == '\t' ? '\t' : ' ');
                }
                html.append("<span class=\"line caret\"><span class=\"ln\"></span>").append(indent).append("^</span>");
            }
        }
        html.append("</pre>\n");
    }

    private static void route(StringBuilder html, ErrorReport report) {
        RouteInfo route = report.route();
        if (route == null) {
            return;
        }
        html.append("<section><h2>Route</h2>\n<table>");
        row(html, "pattern", route.pattern());
        row(html, "endpoint", route.endpoint());
        row(html, "methods", String.join(", ", new java.util.TreeSet<>(route.methods())));
        row(html, "handler", route.handler().getDeclaringClass().getName() + "." + route.handler().getName() + "()");
        html.append("</table>\n");
        if (!report.arguments().isEmpty()) {
            html.append("<h3>Arguments the handler was called with</h3>\n<table><tr><th>parameter</th><th>type</th>"
                    + "<th>value</th></tr>");
            for (ErrorReport.ArgumentView argument : report.arguments()) {
                html.append("<tr><td><code>").append(escape(argument.name())).append("</code></td><td><code>")
                        .append(escape(argument.type())).append("</code></td><td><pre>")
                        .append(escape(argument.value())).append("</pre></td></tr>");
            }
            html.append("</table>\n");
        }
        html.append("</section>\n");
    }

    private static void request(StringBuilder html, Request request) {
        if (request == null) {
            return;
        }
        html.append("<section><h2>Request</h2>\n<table>");
        row(html, "method", request.method());
        row(html, "URL", request.url());
        row(html, "client", request.remoteIp());
        if (!request.pathVariables().isEmpty()) {
            row(html, "path variables", request.pathVariables().toString());
        }
        html.append("</table>\n");
        multi(html, "Query", request.queryParams());
        multi(html, "Form", safeForm(request));
        single(html, "Cookies", request.cookies());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
        }
        multi(html, "Headers", headers);
        single(html, "Session", sessionValues(request));
        Map<String, String> attributes = new TreeMap<>();
        request.attributes().forEach((k, v) -> attributes.put(k, ErrorReport.describe(v)));
        single(html, "Request attributes (g)", attributes);
        String body = bodyText(request);
        if (body != null) {
            html.append("<h3>Body</h3><pre>").append(escape(body)).append("</pre>\n");
        }
        html.append("</section>\n");
    }

    /**
     * The session's values, decoded from its signed cookie (what the handler saw), or why they
     * cannot be read (no secret key set).
     */
    static Map<String, String> sessionValues(Request request) {
        Map<String, String> values = new TreeMap<>();
        try {
            request.session().asMap().forEach((k, v) -> values.put(k, ErrorReport.describe(v)));
        } catch (RuntimeException unreadable) {
            if (request.cookies().containsKey(request.settings().sessionCookieName())) {
                values.put("(not readable)", String.valueOf(unreadable.getMessage()));
            }
        }
        return values;
    }

    static Map<String, List<String>> safeForm(Request request) {
        try {
            return request.formParams();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** The body as text when it is text and not a form (shown above), shortened; else {@code null}. */
    static String bodyText(Request request) {
        String type = request.contentType();
        if (request.bodyLength() == 0 || type == null) {
            return null;
        }
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded") || !(lower.startsWith("text/")
                || lower.contains("json") || lower.contains("xml"))) {
            return null;
        }
        String text = request.text();
        return text.length() > MAX_BODY_SHOWN ? text.substring(0, MAX_BODY_SHOWN) + "\n… ("
                + request.bodyLength() + " bytes in all)" : text;
    }

    private static void multi(StringBuilder html, String title, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<h3>").append(escape(title)).append("</h3>\n<table>");
        values.forEach((name, list) -> row(html, name, list.size() == 1 ? list.get(0) : list.toString()));
        html.append("</table>\n");
    }

    private static void single(StringBuilder html, String title, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<h3>").append(escape(title)).append("</h3>\n<table>");
        values.forEach((name, value) -> row(html, name, value));
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    private static String simpleName(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? className : className.substring(lastDot + 1);
    }

    private static void start(StringBuilder html, String title) {
        html.append("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    }

    private static void end(StringBuilder html) {
        html.append("</main>\n<script>function copyTraceback(b){var t=document.getElementById('traceback');"
                + "t.select();(navigator.clipboard?navigator.clipboard.writeText(t.value):"
                + "Promise.resolve(document.execCommand('copy'))).then(function(){b.textContent='Copied';});}"
                + "</script>\n</body>\n</html>\n");
    }

    private static final String CSS = "body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;"
            + "color:#1d1f21;background:#f6f7f9}"
            + ".bar{background:#b3261e;color:#fff;padding:8px 16px}.bar code{color:#fff}"
            + ".bar.quiet{background:#44546a}"
            + ".why{float:right;opacity:.8;font-size:12px}"
            + "main{padding:8px 16px 32px;max-width:1200px}"
            + "h1.type{font-size:20px;margin:12px 0 4px;word-break:break-all}"
            + "h2{font-size:16px;border-bottom:1px solid #d0d4da;padding-bottom:4px;margin-top:28px}"
            + "h3{font-size:14px;margin:16px 0 6px;word-break:break-all}"
            + "pre,code,textarea{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}"
            + "pre.message{font-size:15px;white-space:pre-wrap;background:#fff;border-left:4px solid #b3261e;"
            + "padding:8px 12px;margin:6px 0}"
            + ".common{color:#5f6670;font-size:12px;margin:4px 0}"
            + ".where{margin:6px 0 0}.relation{color:#b3261e}.msg{font-weight:normal}"
            + ".frame.app{background:#fff;border:1px solid #e0b4b0;border-left:4px solid #b3261e;margin:6px 0;"
            + "border-radius:3px}.frame .head{padding:4px 8px;background:#fdf0ef}"
            + "a.open{color:#0b57d0;text-decoration:none;font-family:ui-monospace,Menlo,Consolas,monospace}"
            + "a.open:hover{text-decoration:underline}"
            + "pre.code{margin:0;padding:4px 0;overflow-x:auto;background:#fff}"
            + ".line{display:block;padding:0 8px;white-space:pre}.line.current{background:#ffe3a3;font-weight:bold}"
            + ".line.caret{color:#b3261e;font-weight:bold}"
            + ".ln{display:inline-block;width:4em;color:#8a8f98;user-select:none}"
            + "details.folded{margin:4px 0;color:#5f6670}details.folded summary{cursor:pointer;font-size:12px}"
            + "details.folded pre{margin:4px 0 4px 16px}"
            + "table{border-collapse:collapse;background:#fff;margin:4px 0}"
            + "th,td{border:1px solid #e3e6ea;padding:3px 8px;text-align:left;vertical-align:top}"
            + "th{background:#f0f2f5;font-weight:600;white-space:nowrap}td pre{margin:0;white-space:pre-wrap}"
            + "td{word-break:break-all}"
            + "textarea{width:100%;box-sizing:border-box;background:#fff}"
            + "section.template,section.diagnostic{background:#fff;border:1px solid #e0b4b0;padding:0 8px 8px;"
            + "margin:12px 0}section.template h2,section.diagnostic h2{margin-top:8px}";
}
