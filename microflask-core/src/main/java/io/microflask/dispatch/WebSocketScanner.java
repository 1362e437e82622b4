package io.microflask.dispatch;

import io.microflask.Header;
import io.microflask.NonBlocking;
import io.microflask.OnClose;
import io.microflask.OnError;
import io.microflask.OnMessage;
import io.microflask.OnOpen;
import io.microflask.PathVar;
import io.microflask.Query;
import io.microflask.RouteInfo;
import io.microflask.UploadedFile;
import io.microflask.WebSocket;
import io.microflask.WebSocketConnection;
import io.microflask.routing.Converters;
import io.microflask.routing.RoutePattern;
import io.microflask.routing.Router;
import io.microflask.spi.ParameterBinder;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@code @WebSocket} object into a {@link WebSocketRoute}, checking at register what can
 * be checked: the path, one method per kind, each parameter, the return types. Every failure
 * names the method (and parameter) and says how to fix it.
 */
final class WebSocketScanner {
    private static final List<Class<? extends Annotation>> KINDS =
            List.of(OnOpen.class, OnMessage.class, OnClose.class, OnError.class);

    private final Converters converters;
    private final ParameterBinders binders;

    WebSocketScanner(Converters converters, ParameterBinders binders) {
        this.converters = converters;
        this.binders = binders;
    }

    /** Whether {@code handler} is a WebSocket endpoint rather than an object with routes. */
    static boolean isEndpoint(Object handler) {
        return handler.getClass().isAnnotationPresent(WebSocket.class);
    }

    /** Prepares the endpoint {@code target} and adds it to {@code router}. */
    void register(Object target, Router<WebSocketRoute> router) {
        Class<?> type = target.getClass();
        WebSocket annotation = type.getAnnotation(WebSocket.class);
        String where = "@WebSocket(\"" + annotation.value() + "\") class " + type.getName();
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(where + " must be public for microflask to call its methods; declare it "
                    + "'public class " + type.getSimpleName() + "'");
        }
        RoutePattern pattern;
        try {
            pattern = RoutePattern.parse(annotation.value(), converters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) && kindOf(method) != null) {
                throw new IllegalArgumentException(HandlerNames.describe(method)
                        + " is annotated but not public; microflask only calls public methods: declare it public");
            }
        }
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
        Method open = null;
        Method text = null;
        Method binary = null;
        Method close = null;
        Method error = null;
        for (Method method : methods) {
            Class<? extends Annotation> kind = kindOf(method);
            if (kind == null) {
                continue;
            }
            if (method.isAnnotationPresent(io.microflask.Route.class)) {
                throw new IllegalArgumentException(HandlerNames.describe(method) + " is both a @Route and an @"
                        + kind.getSimpleName() + " method; put routes in a class of their own");
            }
            if (kind == OnOpen.class) {
                open = only(open, method, "@OnOpen");
            } else if (kind == OnClose.class) {
                close = only(close, method, "@OnClose");
            } else if (kind == OnError.class) {
                error = only(error, method, "@OnError");
            } else if (messageIndex(method, pattern, byte[].class) >= 0) {
                binary = only(binary, method, "binary @OnMessage (with a byte[] parameter)");
            } else if (messageIndex(method, pattern, String.class) >= 0) {
                text = only(text, method, "text @OnMessage (with a String parameter)");
            } else {
                throw new IllegalArgumentException(HandlerNames.describe(method) + " is @OnMessage but takes no "
                        + "message: add a String parameter for text messages or a byte[] one for binary messages");
            }
        }
        if (open == null && text == null && binary == null) {
            // An endpoint that only sends (e.g. to a group it joins at open) needs no @OnMessage; one with neither does nothing.
            throw new IllegalArgumentException(where + " has no public @OnOpen or @OnMessage method; add an @OnMessage "
                    + "taking a String (text messages) or a byte[] (binary messages), or an @OnOpen that joins a group");
        }
        Method first = open != null ? open : text != null ? text : binary;
        RouteInfo info = new RouteInfo(annotation.value(), "websocket:" + annotation.value(), Set.of("GET"), first,
                pattern.variableNames(), "");
        boolean nonBlocking = type.isAnnotationPresent(NonBlocking.class);
        WebSocketRoute route = new WebSocketRoute(info, pattern, nonBlocking,
                call(target, open, pattern, info, null), call(target, text, pattern, info, String.class),
                call(target, binary, pattern, info, byte[].class), call(target, close, pattern, info, null),
                call(target, error, pattern, info, null));
        for (Method method : new Method[] {open, text, binary, close, error}) {
            if (method != null && method.isAnnotationPresent(NonBlocking.class) != nonBlocking) {
                throw new IllegalArgumentException(HandlerNames.describe(method) + ": @NonBlocking goes on the "
                        + "@WebSocket class (all of an endpoint's methods run on one thread at a time), not on one method");
            }
        }
        WebSocketRoute existing = router.add(pattern, "GET", route);
        if (existing != null) {
            throw new IllegalArgumentException(where + ": the path is taken by " + existing.describe()
                    + "; give one of them another path");
        }
    }

    private static Class<? extends Annotation> kindOf(Method method) {
        Class<? extends Annotation> found = null;
        for (Class<? extends Annotation> kind : KINDS) {
            if (method.isAnnotationPresent(kind)) {
                if (found != null) {
                    throw new IllegalArgumentException(HandlerNames.describe(method) + " is both @"
                            + found.getSimpleName() + " and @" + kind.getSimpleName() + "; give each its own method");
                }
                found = kind;
            }
        }
        return found;
    }

    private static Method only(Method existing, Method method, String what) {
        if (existing != null) {
            throw new IllegalArgumentException(HandlerNames.describe(method) + ": the endpoint has a " + what
                    + " method already, " + HandlerNames.describe(existing) + "; keep one");
        }
        return method;
    }

    /** Whether a parameter is the framework's to fill (a path variable, @Query, @Header...) rather than the event's. */
    private static boolean bound(Parameter parameter, RoutePattern pattern) {
        return parameter.isAnnotationPresent(PathVar.class) || parameter.isAnnotationPresent(Query.class)
                || parameter.isAnnotationPresent(Header.class) || pattern.variable(parameter.getName()) != null;
    }

    /** The index of the message parameter of type {@code type}, or -1. */
    private static int messageIndex(Method method, RoutePattern pattern, Class<?> type) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getType() == type && !bound(parameters[i], pattern)) {
                return i;
            }
        }
        return -1;
    }

    private WebSocketRoute.Call call(Object target, Method method, RoutePattern pattern, RouteInfo info,
                                     Class<?> messageType) {
        if (method == null) {
            return null;
        }
        Class<? extends Annotation> kind = kindOf(method);
        Class<?> returns = method.getReturnType();
        boolean returnsMessage = false;
        if (kind == OnMessage.class && (returns == String.class || returns == byte[].class)) {
            returnsMessage = true;
        } else if (returns != void.class) {
            throw new IllegalArgumentException(HandlerNames.describe(method) + " returns " + returns.getSimpleName()
                    + (kind == OnMessage.class ? ", which cannot be sent; return void, String (sent as text) or byte[] "
                    + "(sent as binary)" : "; an @" + kind.getSimpleName() + " method returns void"));
        }
        Parameter[] parameters = method.getParameters();
        WebSocketRoute.Argument[] arguments = new WebSocketRoute.Argument[parameters.length];
        int messageAt = messageType == null ? -1 : messageIndex(method, pattern, messageType);
        boolean codeTaken = false;
        boolean reasonTaken = false;
        boolean errorTaken = false;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> type = parameter.getType();
            String what = HandlerNames.describe(method) + ", parameter " + (i + 1) + " ('" + parameter.getName() + "')";
            if (type == WebSocketConnection.class) {
                arguments[i] = (socket, event) -> socket;
            } else if (i == messageAt) {
                arguments[i] = (socket, event) -> event;
            } else if (kind == OnClose.class && (type == int.class || type == Integer.class) && !bound(parameter, pattern)
                    && !codeTaken) {
                codeTaken = true;
                arguments[i] = (socket, event) -> ((WebSocketRoute.Closing) event).code();
            } else if (kind == OnClose.class && type == String.class && !bound(parameter, pattern) && !reasonTaken) {
                reasonTaken = true;
                arguments[i] = (socket, event) -> ((WebSocketRoute.Closing) event).reason();
            } else if (kind == OnError.class && Throwable.class.isAssignableFrom(type) && !errorTaken) {
                errorTaken = true;
                arguments[i] = (socket, event) -> type.isInstance(event) ? event : null;
            } else if (type == UploadedFile.class) {
                throw new IllegalArgumentException(what + ": a WebSocket handshake has no body, so no UploadedFile");
            } else {
                ParameterBinder binder;
                try {
                    binder = binders.bind(parameter, i, method, pattern, info);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (a WebSocket method may also take the "
                            + "WebSocketConnection" + eventTypes(kind) + ")", e);
                }
                arguments[i] = (socket, event) -> binder.bind(socket.request());
            }
        }
        return new WebSocketRoute.Call(method, new HandlerInvoker(target, method), arguments, returnsMessage);
    }

    private static String eventTypes(Class<? extends Annotation> kind) {
        if (kind == OnMessage.class) {
            return " and the message as String or byte[]";
        } else if (kind == OnClose.class) {
            return ", the close code as int and the reason as String";
        } else if (kind == OnError.class) {
            return " and the Throwable";
        }
        return "";
    }
}
