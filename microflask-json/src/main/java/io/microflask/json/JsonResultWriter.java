package io.microflask.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.microflask.Cookie;
import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.spi.ResultWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

/**
 * Writes any object a handler returns (record, POJO, map, list, array) as JSON, serialised by
 * Jackson straight into a pooled Netty buffer that becomes the response body: no intermediate
 * {@code String} or {@code byte[]}.
 */
final class JsonResultWriter implements ResultWriter {
    private static final int INITIAL_CAPACITY = 256;

    private final JsonExtension json;

    JsonResultWriter(JsonExtension json) {
        this.json = json;
    }

    @Override
    public boolean canWrite(Class<?> rawType, Type genericType) {
        // Streams and exceptions are not data: writing them as JSON would be a bug (or a leak of
        // internals), so they stay "no writer" and register says so. Text stays HTML, as in core.
        if (InputStream.class.isAssignableFrom(rawType) || Reader.class.isAssignableFrom(rawType)
                || Throwable.class.isAssignableFrom(rawType) || CharSequence.class.isAssignableFrom(rawType)
                || ByteBuf.class.isAssignableFrom(rawType)) {
            return false;
        }
        json.rememberJsonReturnType(genericType);
        return true;
    }

    @Override
    public Response write(Object value, Request request) throws Exception {
        if (value instanceof JsonResponse<?> answer) {
            Response response = new Response(answer.status());
            for (Map.Entry<String, Object> header : answer.headers().entrySet()) {
                response.header(header.getKey(), header.getValue());
            }
            for (Cookie cookie : answer.cookies()) {
                response.cookie(cookie);
            }
            Object body = unwrap(answer.body(), request);
            if (body != null && answer.status() != 204 && answer.status() != 304) {
                response.contentType(JsonExtension.APPLICATION_JSON).body(serialize(body, request));
            }
            return response;
        }
        Object body = unwrap(value, request);
        return new Response(200).contentType(JsonExtension.APPLICATION_JSON).body(serialize(body, request));
    }

    /** An empty {@code Optional} is a resource that does not exist: 404, as Flask's {@code get_or_404}. */
    private static Object unwrap(Object value, Request request) {
        if (value instanceof Optional<?> optional) {
            return optional.orElseThrow(() -> new HttpException(404,
                    "The requested URL " + request.path() + " was not found on this server."));
        }
        return value;
    }

    private ByteBuf serialize(Object value, Request request) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(INITIAL_CAPACITY);
        boolean written = false;
        try (OutputStream out = new ByteBufOutputStream(buffer)) {
            json.writer(value.getClass()).writeValue(out, value);
            written = true;
            return buffer;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException((request.route() == null ? "a handler" : request.route().handlerName())
                    + " returned a " + value.getClass().getName() + " that Jackson cannot write as JSON: "
                    + e.getOriginalMessage() + ". A record, or a class with public getters or fields, can be "
                    + "written; configure the mapper with JsonExtension.configure(...) for other types.", e);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON into a memory buffer failed: " + e, e);
        } finally {
            if (!written) {
                buffer.release();
            }
        }
    }
}
