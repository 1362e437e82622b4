package io.microflask.dispatch;

import io.microflask.FlashMessage;
import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.RouteInfo;
import io.microflask.Session;
import io.microflask.Settings;
import io.microflask.UploadedFile;
import io.microflask.multipart.MultipartForm;
import io.microflask.server.IncomingRequest;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Request} handlers see: a view over the server's parsed request and the
 * {@link RequestContext}, with query, form and cookies decoded on first use.
 */
final class ContextRequest implements Request {
    private final RequestContext context;
    private final IncomingRequest incoming;
    private Map<String, List<String>> query;
    private Map<String, List<String>> form;
    private Map<String, String> cookies;
    private Map<String, Object> attributes;

    ContextRequest(RequestContext context) {
        this.context = context;
        this.incoming = context.incoming();
    }

    @Override
    public String method() {
        return incoming.message().method().name();
    }

    @Override
    public String path() {
        return incoming.path();
    }

    @Override
    public String rawPath() {
        return incoming.rawPath();
    }

    @Override
    public List<String> segments() {
        return incoming.segments();
    }

    @Override
    public String queryString() {
        return incoming.rawQuery();
    }

    @Override
    public String uri() {
        String uri = incoming.message().uri();
        if (uri.startsWith("/") || uri.equals("*")) {
            return uri;
        }
        // An absolute-form target: its authority is host(), the rest is the origin form.
        return incoming.rawQuery().isEmpty() ? incoming.rawPath() : incoming.rawPath() + "?" + incoming.rawQuery();
    }

    @Override
    public String scheme() {
        return incoming.scheme();
    }

    @Override
    public String host() {
        return incoming.host();
    }

    @Override
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            String raw = incoming.rawQuery();
            query = raw.isEmpty() ? Map.of() : Collections.unmodifiableMap(decodeParams(raw));
        }
        return query;
    }

    @Override
    public HttpHeaders headers() {
        return incoming.message().headers();
    }

    @Override
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String header : headers().getAll(HttpHeaderNames.COOKIE)) {
                for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                    parsed.putIfAbsent(c.name(), c.value());
                }
            }
            cookies = Collections.unmodifiableMap(parsed);
        }
        return cookies;
    }

    /** One cookie's value from raw headers, without decoding every cookie: for the session cookie. */
    static String cookieValue(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }

    @Override
    public byte[] body() {
        long length = incoming.bodyLength();
        if (incoming.bodyOnDisk()) {
            if (length > Integer.MAX_VALUE - 8) {
                throw new HttpException(413, "The request body (" + length + " bytes) is too large to hold as one "
                        + "array; read it with request.bodyStream() instead of request.body().");
            }
            try (InputStream in = incoming.openBody()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("the request body could not be read from its temporary file", e);
            }
        }
        ByteBuf content = incoming.message().content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }

    @Override
    public int bodyLength() {
        return (int) Math.min(Integer.MAX_VALUE, incoming.bodyLength());
    }

    @Override
    public InputStream bodyStream() {
        try {
            return incoming.openBody();
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read from its temporary file", e);
        }
    }

    @Override
    public String text() {
        if (!incoming.bodyOnDisk()) {
            return incoming.message().content().toString(charset());
        }
        return new String(body(), charset());
    }

    @Override
    public Charset charset() {
        String type = contentType();
        if (type != null) {
            int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = type.substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public Map<String, List<String>> formParams() {
        if (form == null) {
            String type = contentType();
            if (MultipartForm.isMultipart(type)) {
                form = context.multipart(type, charset()).fields();
            } else if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                long limit = settings().maxFormMemorySize();
                if (incoming.bodyLength() > limit) {
                    throw new HttpException(413, "The form is larger than the server accepts (" + limit
                            + " bytes, settings().maxFormMemorySize()).");
                }
                form = Collections.unmodifiableMap(decodeParams(text()));
            } else {
                form = Map.of();
            }
        }
        return form;
    }

    @Override
    public Map<String, List<UploadedFile>> files() {
        String type = contentType();
        return MultipartForm.isMultipart(type) ? context.multipart(type, charset()).files() : Map.of();
    }

    @Override
    public Session session() {
        return context.session();
    }

    @Override
    public String csrfToken() {
        return context.csrfToken();
    }

    @Override
    public Request flash(String message, String category) {
        context.flash(message, category);
        return this;
    }

    @Override
    public List<FlashMessage> flashes() {
        return context.flashes();
    }

    @Override
    public String urlFor(String endpoint, Map<String, ?> values, boolean external) {
        String resolved = endpoint;
        RouteInfo route = context.route();
        if (endpoint.startsWith(".") && route != null) {
            String current = route.endpoint();
            int dot = current.lastIndexOf('.');
            resolved = (dot < 0 ? "" : current.substring(0, dot)) + endpoint;
        }
        String url = context.app().urlFor(resolved, values);
        return external ? baseUrl() + url : url;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return incoming.remoteAddress();
    }

    @Override
    public String remoteIp() {
        InetSocketAddress remote = incoming.remoteAddress();
        if (remote == null) {
            return "127.0.0.1";
        }
        InetAddress address = remote.getAddress();
        return address == null ? remote.getHostString() : address.getHostAddress();
    }

    @Override
    public boolean isLocalClient() {
        InetSocketAddress remote = incoming.remoteAddress();
        if (remote == null) {
            return true;
        }
        InetAddress address = remote.getAddress();
        return address != null && address.isLoopbackAddress();
    }

    @Override
    public boolean mayShowDebugDetails() {
        return DebugAccess.refusal(context.app().debug(), context.app().settings(), this) == null;
    }

    @Override
    public Map<String, Object> pathVariables() {
        return context.pathVariables();
    }

    @Override
    public RouteInfo route() {
        return context.route();
    }

    @Override
    public Settings settings() {
        return context.app().settings();
    }

    @Override
    public <E> E extension(Class<E> type) {
        return context.app().extension(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return attributes == null ? null : (T) attributes.get(name);
    }

    @Override
    public Request attribute(String name, Object value) {
        if (value == null) {
            if (attributes != null) {
                attributes.remove(name);
            }
        } else {
            attributes().put(name, value);
        }
        return this;
    }

    @Override
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return attributes;
    }

    private static Map<String, List<String>> decodeParams(String encoded) {
        try {
            // Netty keeps the order of first appearance and groups repeated names.
            return new LinkedHashMap<>(new QueryStringDecoder(encoded, StandardCharsets.UTF_8, false, 1024)
                    .parameters());
        } catch (IllegalArgumentException e) {
            // A client's bad percent-encoding ("q=%", "%zz") is its error, not the server's.
            // Netty's message quotes the whole input; ours says what the rule is.
            throw new HttpException(400, "The query string or form body is not valid URL encoding: each '%' "
                    + "must be followed by two hexadecimal digits (write a literal '%' as %25).", e);
        }
    }

    @Override
    public String toString() {
        return incoming.toString();
    }

    @Override
    public String requestId() {
        return incoming.requestId();
    }
}
