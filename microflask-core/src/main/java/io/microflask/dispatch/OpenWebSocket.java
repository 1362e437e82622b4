package io.microflask.dispatch;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.WebSocketConnection;
import io.microflask.WebSocketGroup;
import io.microflask.server.WebSocketEndpoint;
import io.microflask.server.WebSocketLink;
import io.microflask.util.Fatal;
import io.microflask.util.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open connection of a {@code @WebSocket} endpoint: the {@link WebSocketConnection} its
 * methods see, and the server's {@link WebSocketEndpoint}, which calls them. A method that throws
 * is logged with the route, told to the {@code @OnError} method, and closes the connection with 1011.
 */
final class OpenWebSocket implements WebSocketConnection, WebSocketEndpoint {
    private static final Logger log = LoggerFactory.getLogger(OpenWebSocket.class);

    private final WebSocketRoute route;
    private final Request request;
    private final WebSocketGroups groups;
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile WebSocketLink link;

    OpenWebSocket(WebSocketRoute route, Request request, WebSocketGroups groups) {
        this.route = route;
        this.request = request;
        this.groups = groups;
    }

    // ---- What the server calls, one at a time ----

    @Override
    public String route() {
        return route.describe();
    }

    @Override
    public boolean nonBlocking() {
        return route.nonBlocking();
    }

    @Override
    public void opened(WebSocketLink link) {
        this.link = link;
        call(route.open(), null, "@OnOpen");
    }

    @Override
    public void text(String text) {
        message(route.text(), text, "text");
    }

    @Override
    public void binary(byte[] data) {
        message(route.binary(), data, "binary");
    }

    private void message(WebSocketRoute.Call call, Object message, String kind) {
        if (call == null) {
            link.close(UNSUPPORTED_DATA, "this endpoint takes no " + kind + " messages");
            return;
        }
        Object reply = call(call, message, "@OnMessage");
        if (reply instanceof String text) {
            send(text);
        } else if (reply instanceof byte[] data) {
            send(data);
        }
    }

    @Override
    public void closed(int code, String reason) {
        for (String name : joined) {
            groups.leave(name, this);
        }
        joined.clear();
        if (route.close() != null) {
            try {
                route.close().invoke(this, new WebSocketRoute.Closing(code, reason));
            } catch (Throwable failure) {
                Fatal.rethrowIfFatal(failure);
                log.error("WebSocket {} on {}: @OnClose method {} failed", id(), route.describe(),
                        route.close().method().getName(), failure);
            }
        }
    }

    /** Calls an endpoint method; on failure logs, tells @OnError, closes with 1011 (1008 when @OnOpen refused) and returns null. */
    private Object call(WebSocketRoute.Call call, Object event, String what) {
        if (call == null || !link.isOpen()) {
            return null;
        }
        try {
            return call.invoke(this, event);
        } catch (HttpException refused) {
            if (what.equals("@OnOpen")) {
                log.debug("WebSocket {} on {} refused by @OnOpen: {} {}", id(), route.describe(), refused.status(),
                        LogSafe.text(refused.getMessage()));
                link.close(POLICY_VIOLATION, refused.getMessage());
                return null;
            }
            failed(call, refused);
        } catch (Throwable failure) {
            Fatal.rethrowIfFatal(failure);
            failed(call, failure);
        }
        return null;
    }

    private void failed(WebSocketRoute.Call call, Throwable failure) {
        log.error("WebSocket {} on {}: {} threw; closing the connection with 1011", id(), route.describe(),
                HandlerNames.describe(call.method()), failure);
        if (route.error() != null) {
            try {
                route.error().invoke(this, failure);
            } catch (Throwable also) {
                Fatal.rethrowIfFatal(also);
                log.error("WebSocket {} on {}: @OnError method {} failed too", id(), route.describe(),
                        route.error().method().getName(), also);
            }
        }
        link.close(INTERNAL_ERROR, "internal error");
    }

    // ---- What the app's methods call, from any thread ----

    @Override
    public String id() {
        WebSocketLink current = link;
        return current == null ? "(opening)" : current.id();
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public void send(String text) {
        link.sendText(java.util.Objects.requireNonNull(text, "text"));
    }

    @Override
    public void send(byte[] data) {
        link.sendBinary(java.util.Objects.requireNonNull(data, "data"));
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        if (code != NORMAL_CLOSURE && code != GOING_AWAY && code != POLICY_VIOLATION && code != INTERNAL_ERROR
                && code != UNSUPPORTED_DATA && code != MESSAGE_TOO_BIG && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent; use 1000 (normal), one of "
                    + "the WebSocketConnection constants, or 3000-4999 for the app's own");
        }
        link.close(code, reason);
    }

    @Override
    public void join(String name) {
        if (!isOpen()) {
            return; // a connection that closed left its groups; joining now would keep it in one
        }
        groups.join(name, this);
        joined.add(name);
    }

    @Override
    public void leave(String name) {
        joined.remove(name);
        groups.leave(name, this);
    }

    @Override
    public WebSocketGroup group(String name) {
        return groups.group(name);
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "WebSocket " + id() + " on " + route.describe();
    }
}
