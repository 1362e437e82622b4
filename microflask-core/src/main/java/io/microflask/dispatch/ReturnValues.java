package io.microflask.dispatch;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.RouteInfo;
import io.microflask.spi.ResultWriter;

import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * How what a handler (or hook, or error handler) returns becomes a response: {@code String} is
 * HTML, {@code byte[]} octet-stream, {@code Response} as is, {@code void} or {@code null} 204,
 * anything else what an installed {@link ResultWriter} makes of it. The writer is chosen at
 * {@code register} from the declared type when it can be, else from the value.
 */
final class ReturnValues {
    private final Extensions extensions;

    ReturnValues(Extensions extensions) {
        this.extensions = extensions;
    }

    /** The writer for a declared type, or {@code null} for core's own types and when none claims it. */
    ResultWriter findWriter(Class<?> rawType, Type genericType) {
        if (rawType == Object.class || rawType == void.class || rawType == Void.class || rawType == String.class
                || rawType == CharSequence.class || rawType == byte[].class || rawType == Response.class
                || CompletionStage.class.isAssignableFrom(rawType)) {
            return null;
        }
        for (ResultWriter writer : extensions.resultWriters()) {
            if (writer.canWrite(rawType, genericType)) {
                return writer;
            }
        }
        return null;
    }

    /** How values of the declared {@code type} are written, given the writer found for it. */
    static PreparedRoute.ReturnKind kindOf(Class<?> type, ResultWriter writer) {
        if (type == void.class || type == Void.class) {
            return PreparedRoute.ReturnKind.VOID;
        }
        if (type == String.class || type == CharSequence.class) {
            return PreparedRoute.ReturnKind.HTML;
        }
        if (type == byte[].class) {
            return PreparedRoute.ReturnKind.BYTES;
        }
        if (type == Response.class) {
            return PreparedRoute.ReturnKind.RESPONSE;
        }
        if (CompletionStage.class.isAssignableFrom(type)) {
            return PreparedRoute.ReturnKind.ASYNC;
        }
        return writer != null ? PreparedRoute.ReturnKind.WRITER : PreparedRoute.ReturnKind.DYNAMIC;
    }

    /** The response for {@code result}; {@code route} names the handler when nothing can write it. */
    Response write(Object result, PreparedRoute.ReturnKind kind, ResultWriter writer, Request request,
                   RouteInfo route) throws Exception {
        if (result == null) {
            return new Response(204);
        }
        switch (kind) {
            case VOID:
                return new Response(204);
            case HTML:
                return Response.html(result.toString());
            case BYTES:
                return Response.bytes((byte[]) result);
            case RESPONSE:
                return (Response) result;
            case WRITER:
                return writer.write(result, request);
            default:
                return writeDynamic(result, request, route);
        }
    }

    private Response writeDynamic(Object result, Request request, RouteInfo route) throws Exception {
        if (result instanceof Response response) {
            return response;
        }
        if (result instanceof CharSequence text) {
            return Response.html(text.toString());
        }
        if (result instanceof byte[] bytes) {
            return Response.bytes(bytes);
        }
        ResultWriter writer = findWriter(result.getClass(), result.getClass());
        if (writer == null) {
            throw new NoWriterException(route, result.getClass());
        }
        return writer.write(result, request);
    }
}
