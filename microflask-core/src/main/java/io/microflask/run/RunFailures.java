package io.microflask.run;

import io.microflask.ServerStartException;

import java.io.PrintStream;

/**
 * How {@code app.run(...)} ends when it cannot serve, as a {@code main} should and as Werkzeug
 * does: the message alone on standard error (it already names the cause and the fix; a stack
 * trace would bury it) and an exit status for the shell. {@code app.start(...)} throws instead,
 * for tests and embedding: only {@code run}, which owns the process like a {@code main}, exits.
 */
public final class RunFailures {
    /** The server could not start: a port in use, a missing secret key, a bad address. */
    public static final int START_FAILED = 1;
    /** A command-line option or environment variable has a bad value (as Click's usage errors). */
    public static final int BAD_OPTION = 2;

    private RunFailures() {
    }

    /** Prints why the server could not start; returns the exit status, {@link #START_FAILED}. */
    public static int startFailed(ServerStartException failure, PrintStream err) {
        err.println(failure.getMessage());
        err.flush();
        return START_FAILED;
    }

    /** Prints what is wrong with an option or variable and where the list is; returns {@link #BAD_OPTION}. */
    public static int badOption(IllegalArgumentException failure, PrintStream err) {
        err.println("Error: " + failure.getMessage());
        err.println("Run with --help to list the options and environment variables.");
        err.flush();
        return BAD_OPTION;
    }
}
