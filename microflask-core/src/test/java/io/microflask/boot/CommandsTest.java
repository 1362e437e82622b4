package io.microflask.boot;

import io.microflask.App;
import io.microflask.Blueprint;
import io.microflask.Command;
import io.microflask.Config;
import io.microflask.Route;
import io.microflask.run.Commands;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: routes, config, help, the app's own commands, and an unknown one. */
class CommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Pages with a command, as an app's database class would have. */
    public static class Pages {
        static final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Route("/")
        public String index() {
            return "index";
        }

        @Route(value = "/notes/<int:id>", methods = {"GET", "DELETE"})
        public String note(int id) {
            return "note " + id;
        }

        @Command(value = "init-db", help = "Create the tables")
        public int initDb(App app, String[] args, PrintStream console) {
            calls.add("init-db " + Arrays.toString(args) + " " + app.routes().size());
            console.println("Initialised the database.");
            return args.length > 0 && args[0].equals("--fail") ? 3 : 0;
        }
    }

    /** The factory's class may declare static commands. */
    public static final class Factory {
        private Factory() {
        }

        @Command(value = "seed", help = "Add sample rows")
        public static void seed(Config config, PrintStream console) {
            console.println("seeded with " + config.string("SEED_COUNT", "10"));
        }
    }

    private App app() {
        App app = new App().register(new Pages()).register(new Blueprint("admin").register(new Admin()), "/admin");
        app.settings().secretKey("a-very-secret-key-0123456789abcdef");
        app.config().set("DATABASE_PASSWORD", "hunter2").set("DATABASE_URL", "jdbc:h2:mem:x");
        return app;
    }

    /** A blueprint's page. */
    public static class Admin {
        @Route("/users")
        public String users() {
            return "users";
        }
    }

    private int run(String... args) {
        return Commands.execute(Launcher.commandsView(app(), Factory.class), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void routesListsMethodsPatternEndpointAndHandlerLikeFlaskRoutes() {
        assertEquals(0, run("routes"));

        List<String> lines = out().lines().toList();
        assertEquals("Methods     Pattern                  Endpoint     Handler", lines.get(0));
        assertTrue(lines.get(1).startsWith("----------  -----------------------  "), lines.get(1));
        assertTrue(lines.contains("GET         /                        pages.index  "
                + Pages.class.getName() + ".index()"), out());
        assertTrue(lines.contains("DELETE,GET  /notes/<int:id>          pages.note   "
                + Pages.class.getName() + ".note()"), out());
        assertTrue(lines.contains("GET         /admin/users             admin.users  "
                + Admin.class.getName() + ".users()"), out());
        assertTrue(lines.contains("GET         /static/<path:filename>  static       "
                + "io.microflask.staticfiles.StaticFiles.serve()"), out());
    }

    @Test
    void configShowsEachValueAndWhereItCameFromWithSecretsMasked() {
        assertEquals(0, run("config"));

        String text = out();
        assertTrue(text.lines().anyMatch(l -> l.matches("SECRET_KEY +\\*\\*\\*\\* \\(34 characters\\) +code")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("DATABASE_PASSWORD +\\*\\*\\*\\* \\(7 characters\\) +code")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("DATABASE_URL +jdbc:h2:mem:x +code")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("MAX_BODY_SIZE +16777216 +default")), text);
        assertTrue(text.contains("Sources, weakest first: classpath:microflask.properties, "), text);
        assertTrue(!text.contains("hunter2") && !text.contains("0123456789abcdef"), text);
    }

    @Test
    void helpListsEveryCommandTheAppsOwnIncluded() {
        assertEquals(0, run("--help"));

        assertEquals("""
                Usage: [command] [arguments]

                Commands:
                  run      Serve the app (the default): --host H, --port N, --debug, --no-debug
                  routes   List every route: methods, pattern, endpoint and handler
                  config   Show every setting and configuration value and where it came from (secrets masked)
                  init-db  Create the tables
                  seed     Add sample rows
                  help     Show this list (also --help)
                """, out());
    }

    @Test
    void userCommandsGetTheConfiguredAppTheirArgumentsAndTheConsole() {
        Pages.calls.clear();

        assertEquals(0, run("init-db", "--force"));
        assertEquals(3, run("init-db", "--fail"));
        assertEquals(0, run("seed"));

        assertEquals(List.of("init-db [--force] 4", "init-db [--fail] 4"), Pages.calls);
        assertEquals("Initialised the database.\nInitialised the database.\nseeded with 10\n",
                out().replace("\r\n", "\n"));
    }

    @Test
    void anUnknownCommandSaysWhichOnesExist() {
        assertEquals(2, run("init-bd"));

        assertEquals("Unknown command 'init-bd'. Commands: run, routes, config, init-db, seed, help. --help describes "
                + "each.", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void anOptionFirstMeansRun() {
        assertEquals("run", Commands.commandOf(new String[] {"--debug"}));
        assertEquals("run", Commands.commandOf(new String[0]));
        assertEquals("help", Commands.commandOf(new String[] {"-h"}));
        assertEquals("routes", Commands.commandOf(new String[] {"routes", "--debug"}));
    }
}
