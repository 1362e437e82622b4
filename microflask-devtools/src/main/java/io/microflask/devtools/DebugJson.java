package io.microflask.devtools;

import io.microflask.Request;
import io.microflask.RouteInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON variant of the debug pages, for clients that ask for JSON (API calls, fetch). */
final class DebugJson {
    private DebugJson() {
    }

    static String exception(ErrorReport report, Request request, String message) {
        JsonText json = new JsonText().beginObject()
                .field("status", report.status())
                .field("error", report.reason())
                .field("message", message);
        if (!report.chain().isEmpty()) {
            ErrorReport.ExceptionView first = report.chain().get(0);
            json.field("exception", first.type()).field("exceptionMessage", first.message());
        }
        ErrorReport.FrameView origin = report.origin();
        if (origin != null) {
            json.beginObject("location").field("class", origin.className()).field("method", origin.method())
                    .field("file", origin.source() == null ? origin.fileName() : origin.source().toString())
                    .field("line", origin.line()).field("editorLink", origin.editorLink()).endObject();
        }
        if (report.template() != null) {
            json.beginObject("template").field("name", report.template().name())
                    .field("file", report.template().file().toString()).field("line", report.template().line())
                    .endObject();
        }
        chain(json, report);
        RouteInfo route = report.route();
        if (route != null) {
            json.beginObject("route").field("pattern", route.pattern()).field("endpoint", route.endpoint())
                    .field("methods", new java.util.TreeSet<>(route.methods()))
                    .field("handler", route.handler().getDeclaringClass().getName() + "." + route.handler().getName());
            json.beginArray("arguments");
            for (ErrorReport.ArgumentView argument : report.arguments()) {
                json.beginObject().field("name", argument.name()).field("type", argument.type())
                        .field("value", argument.value()).endObject();
            }
            json.endArray().endObject();
        }
        if (request != null) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> header : request.headers()) {
                headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
            }
            Map<String, String> attributes = new TreeMap<>();
            request.attributes().forEach((k, v) -> attributes.put(k, ErrorReport.describe(v)));
            json.beginObject("request").field("method", request.method()).field("url", request.url())
                    .field("client", request.remoteIp()).field("query", request.queryParams())
                    .field("form", DebugPage.safeForm(request)).field("cookies", request.cookies())
                    .field("headers", headers).field("session", DebugPage.sessionValues(request))
                    .field("attributes", attributes)
                    .field("body", DebugPage.bodyText(request)).endObject();
        }
        json.field("traceback", report.traceback());
        return json.endObject().toString();
    }

    static String problem(ReloadProblem problem, ErrorReport failure) {
        JsonText json = new JsonText().beginObject().field("status", 500).field("error", problem.title())
                .field("message", "the app keeps running the last good code until this is fixed")
                .field("changed", problem.changed());
        json.beginArray("diagnostics");
        for (CompileDiagnostic diagnostic : problem.diagnostics()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", diagnostic.file() == null ? null : diagnostic.file().toString());
            entry.put("line", diagnostic.line());
            entry.put("column", diagnostic.column());
            entry.put("message", diagnostic.message());
            json.item(entry);
        }
        json.endArray();
        if (failure != null) {
            chain(json, failure);
            json.field("traceback", failure.traceback());
        }
        return json.endObject().toString();
    }

    private static void chain(JsonText json, ErrorReport report) {
        json.beginArray("chain");
        for (ErrorReport.ExceptionView exception : report.chain()) {
            json.beginObject().field("relation", exception.relation()).field("type", exception.type())
                    .field("message", exception.message());
            json.beginArray("frames");
            for (ErrorReport.FrameView frame : exception.frames()) {
                json.beginObject().field("class", frame.className()).field("method", frame.method())
                        .field("file", frame.source() == null ? frame.fileName() : frame.source().toString())
                        .field("line", frame.line()).field("application", frame.application());
                if (frame.editorLink() != null) {
                    json.field("editorLink", frame.editorLink());
                }
                json.endObject();
            }
            json.endArray().field("framesInCommon", exception.framesInCommon()).endObject();
        }
        json.endArray();
    }
}
