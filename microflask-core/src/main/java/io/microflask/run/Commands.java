package io.microflask.run;

import io.microflask.Command;
import io.microflask.Config;
import io.microflask.RouteInfo;
import io.microflask.Settings;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The app's command line, Flask's {@code flask} command: {@code run} (the default), {@code routes},
 * {@code config}, {@code help}, and the app's own {@link Command} methods. The first argument names
 * the command unless it is an option ({@code --debug}), which goes to {@code run}.
 */
public final class Commands {
    /** The command that serves the app. */
    public static final String RUN = "run";
    private static final List<String> HELP = List.of("help", "--help", "-h");

    private Commands() {
    }

    /** The command {@code args} name: their first argument, or {@code run} when it is missing or an option. */
    public static String commandOf(String[] args) {
        if (args.length == 0 || args[0].startsWith("-") && !HELP.contains(args[0])) {
            return RUN;
        }
        return HELP.contains(args[0]) ? "help" : args[0];
    }

    /** The app as the commands see it (the layer above adapts {@code App} to it). */
    public interface Application {
        /** Every route, sorted. */
        List<RouteInfo> routes();

        /** The configuration. */
        Config config();

        /** The settings. */
        Settings settings();

        /** The objects that may declare {@link Command}s: the registered ones and the blueprints'. */
        List<Object> objects();

        /** The class of the factory that made the app (its static {@link Command}s), or {@code null}. */
        Class<?> factoryClass();

        /** What a command method's parameter of {@code type} gets besides the built-in ones (the app), or {@code null}. */
        Object argument(Class<?> type);

        /** Serves the app until it stops, with these arguments ({@code --host}, {@code --port}, ...). */
        void run(String[] args);
    }

    /** One of the app's own commands. */
    private record UserCommand(String name, String help, Object target, Method method) {
    }

    /**
     * Runs the command {@code args} name on {@code app} and returns the exit status: 0, a
     * command's own status, 1 when it failed, 2 for an unknown command. {@code run} blocks until
     * the server stops.
     */
    public static int execute(Application app, String[] args, PrintStream out, PrintStream err) {
        String command = commandOf(args);
        String[] rest = command.equals(RUN) && (args.length == 0 || args[0].startsWith("-")) ? args
                : Arrays.copyOfRange(args, 1, args.length);
        Map<String, UserCommand> user;
        try {
            user = userCommands(app);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        switch (command) {
            case RUN -> {
                app.run(rest);
                return 0;
            }
            case "routes" -> {
                printRoutes(app, out);
                return 0;
            }
            case "config" -> {
                printConfig(app, out);
                return 0;
            }
            case "help" -> {
                printHelp(user, out);
                return 0;
            }
            default -> {
                UserCommand found = user.get(command);
                if (found == null) {
                    List<String> names = new ArrayList<>(List.of(RUN, "routes", "config"));
                    names.addAll(user.keySet());
                    names.add("help");
                    err.println("Unknown command '" + command + "'. Commands: " + String.join(", ", names)
                            + ". --help describes each.");
                    return 2;
                }
                return call(found, app, rest, out, err);
            }
        }
    }

    private static int call(UserCommand command, Application app, String[] rest, PrintStream out, PrintStream err) {
        Class<?>[] types = command.method().getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Config.class) {
                arguments[i] = app.config();
            } else if (types[i] == String[].class) {
                arguments[i] = rest.clone();
            } else if (types[i] == PrintStream.class) {
                arguments[i] = out;
            } else {
                arguments[i] = app.argument(types[i]);
            }
        }
        try {
            Object result = command.method().invoke(command.target(), arguments);
            return result instanceof Integer status ? status : 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.println("Command '" + command.name() + "' failed: " + cause);
            cause.printStackTrace(err);
            return 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, UserCommand> userCommands(Application app) {
        Map<String, UserCommand> found = new LinkedHashMap<>();
        for (Object object : app.objects()) {
            scan(object.getClass(), object, found, app);
        }
        if (app.factoryClass() != null) {
            scan(app.factoryClass(), null, found, app);
        }
        Map<String, UserCommand> sorted = new LinkedHashMap<>();
        new TreeSet<>(found.keySet()).forEach(name -> sorted.put(name, found.get(name)));
        return sorted;
    }

    private static void scan(Class<?> type, Object target, Map<String, UserCommand> found, Application app) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            Command command = method.getAnnotation(Command.class);
            if (command == null || (target == null) != Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String where = type.getName() + "." + method.getName();
            String name = command.value();
            if (name.isBlank() || name.startsWith("-") || name.contains(" ")) {
                throw new IllegalArgumentException(where + ": @Command(\"" + name + "\") needs a name without spaces "
                        + "that does not start with '-', e.g. @Command(\"init-db\")");
            }
            if (List.of(RUN, "routes", "config", "help").contains(name)) {
                throw new IllegalArgumentException(where + ": @Command(\"" + name + "\") is a built-in command; "
                        + "choose another name");
            }
            for (Class<?> parameter : method.getParameterTypes()) {
                if (parameter != Config.class && parameter != String[].class && parameter != PrintStream.class
                        && app.argument(parameter) == null) {
                    throw new IllegalArgumentException(where + ": a @Command method may take App, Config, String[] "
                            + "(its arguments) and PrintStream (standard output), not " + parameter.getSimpleName());
                }
            }
            if (method.getReturnType() != void.class && method.getReturnType() != int.class) {
                throw new IllegalArgumentException(where + ": a @Command method returns void or int (the exit "
                        + "status), not " + method.getReturnType().getSimpleName());
            }
            UserCommand earlier = found.putIfAbsent(name, new UserCommand(name, command.help(), target, method));
            if (earlier != null && !earlier.method().equals(method)) {
                throw new IllegalArgumentException("two commands are named '" + name + "': "
                        + earlier.method().getDeclaringClass().getName() + "." + earlier.method().getName() + " and "
                        + where + "; rename one");
            }
        }
    }

    private static void printHelp(Map<String, UserCommand> user, PrintStream out) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(RUN, "Serve the app (the default): --host H, --port N, --debug, --no-debug");
        lines.put("routes", "List every route: methods, pattern, endpoint and handler");
        lines.put("config", "Show every setting and configuration value and where it came from (secrets masked)");
        user.values().forEach(command -> lines.put(command.name(), command.help()));
        lines.put("help", "Show this list (also --help)");
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(4);
        out.println("Usage: [command] [arguments]");
        out.println();
        out.println("Commands:");
        lines.forEach((name, help) -> out.println("  " + pad(name, width) + "  " + help));
    }

    private static void printRoutes(Application app, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Methods", "Pattern", "Endpoint", "Handler"});
        for (RouteInfo route : app.routes()) {
            rows.add(new String[] {String.join(",", new TreeSet<>(route.methods())), route.pattern(), route.endpoint(),
                    route.handler().getDeclaringClass().getName() + "." + route.handler().getName() + "()"});
        }
        printTable(rows, out);
    }

    private static void printConfig(Application app, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Key", "Value", "From"});
        for (SettingsBinder.Row row : SettingsBinder.describe(app.config(), app.settings())) {
            rows.add(new String[] {row.key(), row.value(), row.source()});
        }
        printTable(rows, out);
        out.println();
        out.println("Sources, weakest first: " + String.join(", ", app.config().sources())
                + "; code that sets a setting after new App() wins over all of them.");
    }

    private static void printTable(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            print(rows.get(r), widths, out);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                print(rule, widths, out);
            }
        }
    }

    private static void print(String[] row, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]) + "  ");
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
