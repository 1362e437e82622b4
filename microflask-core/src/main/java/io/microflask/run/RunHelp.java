package io.microflask.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --help} on {@code app.run(args, ...)} prints: the command-line options and the
 * environment variables a running app reads, each with one line of explanation, as
 * {@code flask run --help} does. {@code run} prints it and returns without starting a server.
 *
 * <p>The options are a list of {@link Entry} rows, so that a command line with more to offer
 * (commands, more flags) can print them in the same form.
 */
public final class RunHelp {

    private RunHelp() {
    }

    /**
     * One row of the help: an option or a variable and what it does.
     *
     * @param name        as typed, e.g. {@code --port N} or {@code MICROFLASK_PORT}
     * @param description one sentence
     */
    public record Entry(String name, String description) {
    }

    /** Whether the command line asks for help ({@code --help} or {@code -h}). */
    public static boolean requested(String[] args) {
        if (args == null) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** The options {@code run} reads from its {@code args} (see {@link RunOptions}). */
    public static List<Entry> options() {
        return List.of(
                new Entry("--host H", "the address to listen on: 127.0.0.1 (this machine only, the usual "
                        + "default) or 0.0.0.0 (every interface); also --host=H"),
                new Entry("--port N", "the port to listen on, 0-65535 (0 lets the operating system pick a free "
                        + "one); also --port=N"),
                new Entry("--debug", "debug mode: detailed error pages for this machine, reload on change "
                        + "(with microflask-devtools). Never in production"),
                new Entry("--no-debug", "production mode, whatever the code or MICROFLASK_DEBUG say"),
                new Entry("--help, -h", "print this help and start nothing"));
    }

    /** The environment variables an app reads (see {@link Environment}). */
    public static List<Entry> variables() {
        return List.of(
                new Entry(Environment.HOST_VARIABLE, "as --host, when the command line does not give it"),
                new Entry(Environment.PORT_VARIABLE, "as --port, when the command line does not give it"),
                new Entry(Environment.DEBUG_VARIABLE, "1/true/yes/on or 0/false/no/off, as --debug/--no-debug"),
                new Entry(Environment.SECRET_KEY_VARIABLE, "the key that signs session cookies (required in "
                        + "production by an app that uses sessions); make one with: openssl rand -hex 32"),
                new Entry(Environment.TRUSTED_PROXIES_VARIABLE, "comma-separated addresses or CIDR ranges of the "
                        + "reverse proxies whose X-Forwarded-*/Forwarded headers are believed"),
                new Entry(Environment.TRUSTED_HOSTS_VARIABLE, "comma-separated host names the app answers for "
                        + "(others get 400), e.g. example.com,.example.com"));
    }

    /** The help text for the standard options and variables. */
    public static String text() {
        return text(options(), variables());
    }

    /** The help text for these options and variables, in the same layout as {@link #text()}. */
    public static String text(List<Entry> options, List<Entry> variables) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: java ... <your main class> [options]\n\n")
                .append("Starts the app's server and serves until Ctrl+C or SIGTERM. The command line wins over\n")
                .append("the environment, which wins over the values in the code.\n\n");
        section(out, "Options:", options);
        out.append('\n');
        section(out, "Environment variables:", variables);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Entry> entries) {
        out.append(title).append('\n');
        int width = 0;
        for (Entry entry : entries) {
            width = Math.max(width, entry.name().length());
        }
        for (Entry entry : entries) {
            out.append("  ").append(entry.name()).append(" ".repeat(width - entry.name().length() + 2));
            List<String> lines = wrap(entry.description(), Math.max(40, 100 - width - 4));
            out.append(lines.get(0)).append('\n');
            for (String more : lines.subList(1, lines.size())) {
                out.append(" ".repeat(width + 4)).append(more).append('\n');
            }
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
