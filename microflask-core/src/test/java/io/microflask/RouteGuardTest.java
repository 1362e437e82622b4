package io.microflask;

import ch.qos.logback.classic.Level;
import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hooks see the matched route's annotations (a login guard is a few lines), and run in an explicit order. */
class RouteGuardTest {

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    public @interface LoginRequired {
    }

    public static class Auth {
        // Named so that method-name order would run the guard first: order decides, not names.
        @BeforeRequest(order = 2)
        public Response aRequireLogin(Request request) {
            RouteInfo route = request.route();
            if (route != null && route.hasAnnotation(LoginRequired.class) && request.attribute("user") == null) {
                return Response.redirect(request.urlFor("auth.login", Map.of("next", request.uri())));
            }
            return null;
        }

        @BeforeRequest(order = 1)
        public void zLoadUser(Request request) {
            request.attribute("user", request.header("X-User"));
        }

        @Route("/login")
        public String login() {
            return "login page";
        }

        @LoginRequired
        @Route("/create")
        public String create(Request request) {
            return "create as " + request.attribute("user");
        }

        @Route("/public")
        public String open() {
            return "public";
        }
    }

    @LoginRequired
    @Route("/admin")
    public static class Admin {
        @Route("/")
        public String index() {
            return "admin";
        }
    }

    private final TestClient client = new App().register(new Auth(), new Admin()).testClient();

    @Test
    void guardedRouteWithoutUserRedirectsToLoginWithNext() {
        TestResponse response = client.get("/create?draft=1");
        assertEquals(302, response.status());
        assertEquals("/login?next=%2Fcreate%3Fdraft%3D1", response.header("Location"));
    }

    @Test
    void guardedRouteWithUserIsServed() {
        TestResponse response = client.request("GET", "/create").header("X-User", "alice").send();
        assertEquals(200, response.status());
        assertEquals("create as alice", response.text());
    }

    @Test
    void unguardedRoutesAndMissesPass() {
        assertEquals("public", client.get("/public").text());
        assertEquals(404, client.get("/nowhere").status());
    }

    @Test
    void markerOnTheClassGuardsEveryRouteInIt() {
        assertEquals(302, client.get("/admin/").status());
        assertEquals("admin", client.request("GET", "/admin/").header("X-User", "root").send().text());
    }

    @Test
    void routeInfoReadsMethodThenClassAnnotations() throws Exception {
        RouteInfo info = new RouteInfo("/admin/", "admin.index", java.util.Set.of("GET"),
                Admin.class.getMethod("index"), List.of(), "/admin");
        assertTrue(info.hasAnnotation(LoginRequired.class));
        RouteInfo open = new RouteInfo("/public", "auth.open", java.util.Set.of("GET"),
                Auth.class.getMethod("open"), List.of(), "");
        assertNull(open.annotation(LoginRequired.class));
    }

    static final List<String> events = new CopyOnWriteArrayList<>();

    public static class Ordered {
        @BeforeRequest(order = 3)
        public void first(Request request) {
            events.add("before 3");
        }

        @BeforeRequest(order = -1)
        public void second() {
            events.add("before -1");
        }

        @AfterRequest(order = 1)
        public void one() {
            events.add("after 1");
        }

        @AfterRequest(order = 2)
        public void a() {
            events.add("after 2");
        }

        @Route("/ordered")
        public String handler() {
            events.add("handler");
            return "ok";
        }
    }

    @Test
    void orderAttributeDecidesAndAfterHooksRunInReverseAsInFlask() {
        events.clear();
        try (LogCapture log = LogCapture.of("io.microflask")) {
            TestClient ordered = new App().register(new Ordered()).testClient();
            assertEquals("ok", ordered.get("/ordered").text());
            assertEquals(List.of(), log.messages(Level.WARN));
        }
        assertEquals(List.of("before -1", "before 3", "handler", "after 2", "after 1"), events);
    }

    public static class Ambiguous {
        @BeforeRequest
        public void loadLoggedInUser() {
        }

        @BeforeRequest
        public void requireLogin() {
        }

        @TeardownRequest(order = 1)
        public void closeDb() {
        }

        @TeardownRequest(order = 2)
        public void closeFiles() {
        }

        @Route("/x")
        public String x() {
            return "x";
        }
    }

    @Test
    void twoHooksOfOneClassWithTheSameOrderAreAWarningAtRegister() {
        try (LogCapture log = LogCapture.of("io.microflask")) {
            new App().register(new Ambiguous());
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), warnings.toString());
            String warning = warnings.get(0);
            assertTrue(warning.contains("loadLoggedInUser()") && warning.contains("requireLogin()")
                    && warning.contains("@BeforeRequest(order = 1)") && warning.contains(Ambiguous.class.getName()),
                    warning);
            // A rebuild (a later register, a reload's new app) says it again no more.
            new App().register(new Ambiguous()).register(new Ordered());
            assertEquals(1, log.messages(Level.WARN).size(), log.messages(Level.WARN).toString());
        }
    }
}
