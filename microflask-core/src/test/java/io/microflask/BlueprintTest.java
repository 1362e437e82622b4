package io.microflask;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blueprints: mounted twice, nested, with hooks and error handlers scoped as Flask scopes them. */
class BlueprintTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The pages of a small admin area; links within it are relative to the blueprint. */
    public static class AdminPages {
        @Route("/")
        public String index(Request request) {
            return "index of " + request.urlFor(".users") + " and " + request.urlFor(".user", Map.of("id", 7));
        }

        @Route("/users")
        public String users() {
            return "users";
        }

        @Route("/users/<int:id>")
        public String user(int id) {
            return "user " + id;
        }

        @Route(value = "/broken", endpoint = "oops")
        public String broken() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    @Test
    void blueprintMountedAtTwoPrefixesHasEndpointsAndLinksForBoth() {
        Blueprint admin = new Blueprint("admin").register(new AdminPages());
        App app = new App().register(admin, "/admin").register(admin, "/staff", "staff");
        TestClient client = app.testClient();

        assertEquals("/admin/users/3", app.urlFor("admin.user", Map.of("id", 3)));
        assertEquals("/staff/users/3", app.urlFor("staff.user", Map.of("id", 3)));
        assertEquals("/admin/broken", app.urlFor("admin.oops"));
        assertEquals("index of /admin/users and /admin/users/7", client.get("/admin/").text());
        assertEquals("index of /staff/users and /staff/users/7", client.get("/staff/").text());
        assertEquals("user 5", client.get("/staff/users/5").text());
    }

    @Test
    void mountingTwiceUnderOneNameSaysToNameTheSecondMount() {
        Blueprint admin = new Blueprint("admin").register(new AdminPages());
        App app = new App().register(admin, "/admin");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.register(admin, "/staff"));

        assertTrue(e.getMessage().contains("two blueprints are mounted as 'admin'"), e.getMessage());
        assertTrue(e.getMessage().contains("register(blueprint, \"/staff\", \"admin2\")"), e.getMessage());
        assertEquals(404, app.testClient().get("/staff/users").status()); // nothing changed
        assertEquals(200, app.testClient().get("/admin/users").status());
    }

    /** A route at the root of the app, in no blueprint. */
    public static class Home {
        @Route("/")
        public String home() {
            return "home";
        }
    }

    /** The innermost blueprint's pages. */
    public static class Leaf {
        @Route("/leaf")
        public String leaf() {
            return "leaf";
        }

        @Route("/fail")
        public String fail() {
            throw new IllegalStateException("leaf failed");
        }
    }

    /** The parent blueprint's own page. */
    public static class Trunk {
        @Route("/trunk")
        public String trunk() {
            return "trunk";
        }

        @Route("/fail")
        public String fail() {
            throw new IllegalStateException("trunk failed");
        }

        @ErrorHandler(exception = IllegalStateException.class)
        public Response failed(IllegalStateException e) {
            return new Response(500).contentType(Response.TEXT_UTF8).body("parent handled: " + e.getMessage());
        }
    }

    private Blueprint hooked(Blueprint blueprint, String name) {
        return blueprint
                .beforeRequest(request -> record("before:" + name))
                .afterRequest((request, response) -> {
                    events.add("after:" + name);
                    return response;
                })
                .teardownRequest((request, failure) -> events.add("teardown:" + name));
    }

    private Object record(String event) {
        events.add(event);
        return null;
    }

    private App nested() {
        Blueprint child = hooked(new Blueprint("child").register(new Leaf()), "child");
        Blueprint parent = hooked(new Blueprint("parent").register(new Trunk()), "parent")
                .register(child, "/child")
                .beforeAppRequest(request -> record("before:parent-app-wide"));
        App app = new App().register(new Home()).register(parent, "/parent");
        app.beforeRequest(request -> record("before:app"));
        app.afterRequest((request, response) -> {
            events.add("after:app");
            return response;
        });
        app.teardownRequest((request, failure) -> events.add("teardown:app"));
        return app;
    }

    /**
     * Flask's documented order for nested blueprints: "the parent's before_request functions are
     * called before the child's", app-wide ones (the app's and before_app_request) first, and
     * after_request and teardown functions in the reverse order.
     */
    @Test
    void nestedBlueprintsHooksRunInFlasksOrder() {
        App app = nested();

        assertEquals("leaf", app.testClient().get("/parent/child/leaf").text());

        assertEquals(List.of("before:app", "before:parent-app-wide", "before:parent", "before:child",
                "after:child", "after:parent", "after:app",
                "teardown:child", "teardown:parent", "teardown:app"), events);
        assertEquals("/parent/child/leaf", app.urlFor("parent.child.leaf"));
    }

    @Test
    void aBlueprintsHooksRunOnlyForItsOwnRoutes() {
        App app = nested();

        assertEquals("trunk", app.testClient().get("/parent/trunk").text());
        assertEquals(List.of("before:app", "before:parent-app-wide", "before:parent",
                "after:parent", "after:app", "teardown:parent", "teardown:app"), events);

        events.clear();
        assertEquals("home", app.testClient().get("/").text());
        assertEquals(List.of("before:app", "before:parent-app-wide", "after:app", "teardown:app"), events);
    }

    @Test
    void theInnermostBlueprintsErrorHandlerWinsAndAParentsCoversItsChildren() {
        Blueprint child = new Blueprint("child").register(new Leaf());
        Blueprint parent = new Blueprint("parent").register(new Trunk()).register(child, "/child");
        TestClient client = new App().register(parent, "/parent").testClient();

        assertEquals("parent handled: trunk failed", client.get("/parent/fail").text());
        assertEquals("parent handled: leaf failed", client.get("/parent/child/fail").text());
    }

    /** A class with a prefix is a blueprint: its hooks run for its own routes, its app-wide hook for all. */
    @Route("/shop")
    public static class Shop {
        static final List<String> seen = new CopyOnWriteArrayList<>();

        @BeforeRequest
        public void own(Request request) {
            seen.add("shop:" + request.path());
        }

        @BeforeAppRequest
        public void everywhere(Request request) {
            seen.add("app:" + request.path());
        }

        @Route("/cart")
        public String cart() {
            return "cart";
        }
    }

    /** Another class under the same prefix: the shop's own hook is not its hook. */
    @Route("/shop")
    public static class ShopExtras {
        @Route("/gifts")
        public String gifts() {
            return "gifts";
        }
    }

    @Test
    void anAnnotatedClassIsABlueprintWithAppWideHooksToo() {
        Shop.seen.clear();
        TestClient client = new App().register(new Shop(), new ShopExtras(), new Home()).testClient();

        client.get("/shop/cart");
        client.get("/shop/gifts");
        client.get("/");

        assertEquals(List.of("app:/shop/cart", "shop:/shop/cart", "app:/shop/gifts", "app:/"), Shop.seen);
    }

    @Test
    void anAliasIsAnotherNameForUrlFor() {
        Blueprint blog = new Blueprint("blog").register(new Home());
        App app = new App().register(blog, "").alias("index", "blog.home");

        assertEquals("/", app.urlFor("index"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.alias("home", "blog.nothing"));
        assertTrue(e.getMessage().contains("no route has the endpoint 'blog.nothing'"), e.getMessage());
    }

    @Test
    void aBlueprintsNameIsAWord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Blueprint("a.b"));
        assertTrue(e.getMessage().contains("no dots"), e.getMessage());
    }

    @Test
    void aBlueprintServesItsOwnStaticFolderUnderEachMount() {
        Blueprint admin = new Blueprint("admin").register(new AdminPages()).staticFolder("blueprint-test/static");
        App app = new App().register(admin, "/admin").register(admin, "/staff", "staff");
        TestClient client = app.testClient();

        assertEquals("/admin/static/admin.css", app.urlFor("admin.static", Map.of("filename", "admin.css")));
        assertEquals("/staff/static/admin.css", app.urlFor("staff.static", Map.of("filename", "admin.css")));
        TestResponse css = client.get("/staff/static/admin.css");
        assertEquals(200, css.status());
        assertEquals("h1 { color: teal; }\n", css.text());
        assertTrue(css.header("Content-Type").startsWith("text/css"), css.header("Content-Type"));
        assertEquals(404, client.get("/admin/static/../static/admin.css").status());
        assertEquals(404, client.get("/admin/static/%2e%2e/admin.css").status());
        assertEquals(404, client.get("/static/admin.css").status()); // not the app's static folder
    }

    /** What an extension sees of the app, caught when it is installed. */
    static final class Probe implements io.microflask.spi.Extension {
        volatile io.microflask.spi.ExtensionContext app;

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void install(io.microflask.spi.ExtensionRegistry registry) {
            app = registry.app();
        }
    }

    @Test
    void templateFoldersAreListedInRegistrationOrderNestedAfterTheirParentEachOnce() {
        Probe probe = new Probe();
        App app = App.withoutExtensionDiscovery().install(probe);
        assertEquals(List.of(), probe.app.blueprintTemplateFolders());

        Blueprint users = new Blueprint("users").templateFolder("/users/templates/");
        Blueprint admin = new Blueprint("admin").templateFolder("admin/templates").register(users, "/users");
        Blueprint blog = new Blueprint("blog").templateFolder("blog/templates");
        Blueprint plain = new Blueprint("plain").register(new AdminPages());
        app.register(admin, "/admin").register(plain, "/plain").register(blog, "/blog").register(admin, "/staff", "staff");

        List<String> folders = probe.app.blueprintTemplateFolders();
        assertEquals(List.of("admin/templates", "users/templates", "blog/templates"), folders);
        assertTrue(folders == probe.app.blueprintTemplateFolders(), "the same list until a registration changes it");
        assertEquals(null, plain.templateFolder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Blueprint("bad").templateFolder("../templates"));
        assertTrue(e.getMessage().startsWith("Blueprint.templateFolder(\"../templates\"): give a folder on the "
                + "classpath"), e.getMessage());
    }
}
