package io.microflask;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * What the app knows of one route: its pattern, endpoint name, methods and the handler method.
 * Extensions read it at {@code register} (to choose writers and binders) and per request; a
 * before-request hook reads the handler's annotations through it, to guard routes with a marker:
 *
 * <pre>{@code
 * @BeforeRequest(order = 2)
 * public Response requireLogin(Request request) {
 *     RouteInfo route = request.route();
 *     if (route != null && route.hasAnnotation(LoginRequired.class) && request.attribute("user") == null) {
 *         return Response.redirect(request.urlFor("auth.login", Map.of("next", request.uri())));
 *     }
 *     return null;
 * }
 * }</pre>
 *
 * @param pattern        the full pattern, class prefix included, e.g. {@code /api/notes/<int:id>}
 * @param endpoint       the name {@code url_for} knows it by, e.g. {@code notesApi.get}
 * @param methods        the methods declared (HEAD and OPTIONS are implied)
 * @param handler        the Java method that answers
 * @param variableNames  the path variables in order of appearance
 * @param prefix         the prefix before the method's own path: where its blueprint is mounted plus
 *                       its class's {@code @Route} prefix, {@code ""} when none
 * @param blueprint      the dotted name of the blueprint the route belongs to ({@code "admin"},
 *                       {@code "admin.users"}; a class with a {@code @Route} prefix is a blueprint
 *                       of its own), or {@code null} for a route of the app itself
 */
public record RouteInfo(String pattern, String endpoint, Set<String> methods, Method handler,
                        List<String> variableNames, String prefix, String blueprint) {

    /** A route of the app itself, in no blueprint. */
    public RouteInfo(String pattern, String endpoint, Set<String> methods, Method handler,
                     List<String> variableNames, String prefix) {
        this(pattern, endpoint, methods, handler, variableNames, prefix, null);
    }

    /**
     * The handler's annotation of this type, or else its class's (so a marker on the class guards
     * every route in it), or {@code null}. The annotation must be retained at run time
     * ({@code @Retention(RetentionPolicy.RUNTIME)}).
     */
    public <A extends Annotation> A annotation(Class<A> type) {
        A onMethod = handler.getAnnotation(type);
        return onMethod != null ? onMethod : handler.getDeclaringClass().getAnnotation(type);
    }

    /** Whether the handler or its class carries this annotation; see {@link #annotation(Class)}. */
    public boolean hasAnnotation(Class<? extends Annotation> type) {
        return annotation(type) != null;
    }

    /** {@code ClassName.method(..)}, for messages. */
    public String handlerName() {
        return handler.getDeclaringClass().getSimpleName() + "." + handler.getName() + "()";
    }
}
