package io.microflask.run;

/**
 * A process that listens on a port: its id and command line (empty when the operating system
 * does not tell).
 */
public record PortHolder(long pid, String commandLine) {

    /** {@code "PID 1234 (python3 -m http.server 5000)"}, the command line shortened if long. */
    public String describe() {
        if (commandLine.isBlank()) {
            return "PID " + pid;
        }
        String shown = commandLine.length() > 160 ? commandLine.substring(0, 157) + "..." : commandLine;
        return "PID " + pid + " (" + shown + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
