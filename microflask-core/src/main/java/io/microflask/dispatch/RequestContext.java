package io.microflask.dispatch;

import io.microflask.FlashMessage;
import io.microflask.RouteInfo;
import io.microflask.Session;
import io.microflask.multipart.MultipartForm;
import io.microflask.security.CsrfProtection;
import io.microflask.server.IncomingRequest;
import io.microflask.session.Flashes;
import io.microflask.util.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The state of one request while it is answered, as Flask's request context: the parsed
 * request, the route match, the session, the multipart form and the flashed messages, each
 * opened on first use. {@link ContextRequest} is the handlers' read-only view of it; the
 * dispatcher sets the match, saves the session and closes what was opened.
 */
final class RequestContext {
    private static final Logger log = LoggerFactory.getLogger(RequestContext.class);

    private final IncomingRequest incoming;
    private final AppRuntime app;
    private RouteInfo route;
    private Map<String, Object> pathVariables = Map.of();
    private Session session;
    private String sessionCookie;
    private boolean sessionCookieRead;
    private List<FlashMessage> flashes;
    private MultipartForm multipart;
    private long routeBodyLimit = -1;
    private String csrfToken;

    RequestContext(IncomingRequest incoming, AppRuntime app) {
        this.incoming = incoming;
        this.app = app;
    }

    IncomingRequest incoming() {
        return incoming;
    }

    AppRuntime app() {
        return app;
    }

    /** Routing found {@code route}, with these converted path variables. */
    void matched(RouteInfo route, Map<String, Object> pathVariables) {
        this.route = route;
        this.pathVariables = pathVariables;
    }

    /**
     * The route sets its own body limit ({@code @Route(maxBodySize)}): its uploaded files may be
     * that large too, whatever {@code settings().maxFileSize()} says.
     */
    void routeBodyLimit(long bytes) {
        this.routeBodyLimit = bytes;
    }

    RouteInfo route() {
        return route;
    }

    Map<String, Object> pathVariables() {
        return pathVariables;
    }

    /** The session, opened from the request's cookie on first use. */
    Session session() {
        if (session == null) {
            session = app.sessions().open(sessionCookie(), incoming.toString());
        }
        return session;
    }

    /** The session cookie's value as the request sent it; read once, for opening and for saving. */
    private String sessionCookie() {
        if (!sessionCookieRead) {
            sessionCookie = ContextRequest.cookieValue(incoming.message().headers(), app.settings().sessionCookieName());
            sessionCookieRead = true;
        }
        return sessionCookie;
    }

    void flash(String message, String category) {
        Flashes.add(session(), message, category);
    }

    /** The flashed messages, taken from the session once per request. */
    List<FlashMessage> flashes() {
        if (flashes == null) {
            flashes = Flashes.take(session());
        }
        return flashes;
    }

    /** This request's masked CSRF token: one per response, so that every form of a page carries the same. */
    String csrfToken() {
        if (csrfToken == null) {
            csrfToken = CsrfProtection.token(session());
        }
        return csrfToken;
    }

    /** The decoded multipart body, decoded on first use; the request's content type must be multipart. */
    MultipartForm multipart(String contentType, java.nio.charset.Charset charset) {
        if (multipart == null) {
            io.microflask.Settings settings = app.settings();
            multipart = MultipartForm.decode(incoming::openBody, contentType, charset,
                    new MultipartForm.Limits(routeBodyLimit >= 0 ? Math.max(routeBodyLimit, settings.maxFileSize())
                            : settings.maxFileSize(), settings.uploadMemoryThreshold(),
                            settings.uploadDirectory(), settings.maxFormMemorySize(), settings.maxFormParts()));
        }
        return multipart;
    }

    /** Writes the session's cookie onto {@code response} if this request opened the session. */
    void saveSession(io.microflask.Response response) {
        if (session == null) {
            return;
        }
        try {
            app.sessions().save(session, response, sessionCookie() != null, "https".equals(incoming.scheme()),
                    incoming.toString());
        } catch (RuntimeException e) {
            log.error("{}: the session could not be saved: {}", incoming, LogSafe.text(e), LogSafe.throwable(e));
        }
    }

    /** Deletes the uploaded files' temporary copies, if a multipart body was decoded. */
    void close() {
        if (multipart != null) {
            try {
                multipart.close();
            } catch (RuntimeException e) {
                log.warn("{}: could not delete the uploaded files' temporary copies: {}", incoming, LogSafe.text(e));
            }
        }
    }
}
