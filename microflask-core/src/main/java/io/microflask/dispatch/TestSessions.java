package io.microflask.dispatch;

import io.microflask.Cookie;
import io.microflask.Response;
import io.microflask.Session;
import io.microflask.Settings;
import io.microflask.TestClient;
import io.microflask.session.SignedCookieSessions;

import java.util.List;

/**
 * The test client's view of the app's signed session cookies: the same {@link SignedCookieSessions}
 * that requests use, so a session set in a test is exactly what the app would have set.
 */
final class TestSessions implements TestClient.Sessions {
    private final Settings settings;
    private final SignedCookieSessions sessions;

    TestSessions(Settings settings, SignedCookieSessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public String cookieName() {
        return settings.sessionCookieName();
    }

    @Override
    public Session open(String cookieValue) {
        return sessions.open(cookieValue, "the test client's session transaction");
    }

    @Override
    public List<Cookie> save(Session session, boolean hadCookie) {
        Response carrier = new Response(200);
        sessions.save(session, carrier, hadCookie, false, "the test client's session transaction");
        return List.copyOf(carrier.cookies());
    }
}
