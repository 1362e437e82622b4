package io.microflask.render;

import io.microflask.Request;
import io.microflask.RouteInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request as templates see it, under the name {@code request}: {@code {{request.path}}},
 * {@code {{request.args.q}}}, {@code {{request.form.title}}}. Values are read from the request
 * when a template asks for them.
 */
public final class TemplateRequest {
    private final Request request;
    private Map<String, String> args;
    private Map<String, String> form;

    TemplateRequest(Request request) {
        this.request = request;
    }

    /** The method in upper case, e.g. {@code GET}. */
    public String method() {
        return request.method();
    }

    /** The decoded path, e.g. {@code /notes/3}. */
    public String path() {
        return request.path();
    }

    /** The path and query as sent, e.g. {@code /notes?page=2} (Flask's {@code request.full_path}). */
    public String fullPath() {
        return request.uri();
    }

    /** The whole URL, e.g. {@code http://127.0.0.1:5000/notes?page=2}. */
    public String url() {
        return request.url();
    }

    /** The first value of each query argument (Flask's {@code request.args}). */
    public Map<String, String> args() {
        if (args == null) {
            args = firstValues(request.queryParams());
        }
        return args;
    }

    /** The first value of each form field of a posted form (Flask's {@code request.form}). */
    public Map<String, String> form() {
        if (form == null) {
            form = firstValues(request.formParams());
        }
        return form;
    }

    /** The cookies the client sent. */
    public Map<String, String> cookies() {
        return request.cookies();
    }

    /** The matched route's endpoint name, e.g. {@code NotesApp.index}, or {@code null}. */
    public String endpoint() {
        RouteInfo route = request.route();
        return route == null ? null : route.endpoint();
    }

    /** The matched route's path variables. */
    public Map<String, Object> pathVariables() {
        return request.pathVariables();
    }

    /** The client's IP address. */
    public String remoteIp() {
        return request.remoteIp();
    }

    private static Map<String, String> firstValues(Map<String, List<String>> params) {
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
        return first;
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
