package io.microflask;

/**
 * The server could not start on {@code host:port}: it could not listen there, or the app may not
 * run as configured (in production mode, an app that uses sessions without a secret key). The
 * message says why and what to do.
 *
 * <p>{@link App#start(String, int, boolean)} throws it. {@link App#run(String[], String, int, boolean)}
 * does what a {@code main} should with it: prints the message alone to standard error and exits
 * with status 1, so a {@code main} need not catch it.
 *
 * <p>Printed anyway (by a caller that does not catch it), it shows as its message alone, without
 * a stack trace that would bury the fix. Loggers still get the stack ({@link #getStackTrace()} is
 * intact).
 */
public class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The host the server was asked to bind. */
    private final String host;
    /** The port the server was asked to bind. */
    private final int port;

    /** A failure to start on {@code host:port}; {@code message} says why and what to do. */
    public ServerStartException(String host, int port, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.port = port;
    }

    /**
     * The message (and the cause in one line), not the stack: this failure is the user's to fix, not a
     * bug.
     */
    @Override
    public void printStackTrace(java.io.PrintStream out) {
        out.println(shortForm());
    }

    @Override
    public void printStackTrace(java.io.PrintWriter out) {
        out.println(shortForm());
    }

    private String shortForm() {
        return getClass().getName() + ": " + getMessage()
                + (getCause() == null ? "" : System.lineSeparator() + "  (cause: " + getCause() + ")");
    }

    /** The host the server was asked to bind. */
    public String host() {
        return host;
    }

    /** The port the server was asked to bind. */
    public int port() {
        return port;
    }
}
