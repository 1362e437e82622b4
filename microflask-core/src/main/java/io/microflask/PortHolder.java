package io.microflask;

/**
 * A process that listens on a port: its id and command line (empty when the operating system
 * does not tell).
 */
public record PortHolder(long pid, String commandLine) {

    /**
     * {@code "PID 1234 (python3 -m http.server 5000)"}: the command line with a Java class path
     * elided (it would hide the main class) and shortened if still long.
     */
    public String describe() {
        if (commandLine.isBlank()) {
            return "PID " + pid;
        }
        String shown = commandLine.replaceAll("(^|\\s)(-cp|-classpath|--class-path)\\s+\\S+", "$1$2 ...");
        shown = shown.length() > 160 ? shown.substring(0, 157) + "..." : shown;
        return "PID " + pid + " (" + shown + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
