package io.microflask.run;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A logger for what a developer must see when a server starts and stops (the banner, the security
 * warnings, the development key, the port fallback, the shutdown): through SLF4J when a binding is
 * present, as any other log line, and printed plainly to the console when there is none, so that a
 * project with only microflask on its classpath still says where it is running. Without a binding,
 * info lines go to standard output and warnings to standard error, after a one-time hint to add a
 * binding; a line is never both logged and printed.
 *
 * <p>"No binding" is what SLF4J falls back to when it finds no provider, its no-operation logger
 * factory. A project that chose {@code slf4j-nop} on purpose asked for silence and gets it.
 */
public final class ConsoleLog {
    private static final String CHOSEN_SILENCE = "org.slf4j.nop.NOPServiceProvider";
    private static final AtomicBoolean hintPrinted = new AtomicBoolean();

    private final Logger logger;

    private ConsoleLog(Logger logger) {
        this.logger = logger;
    }

    /** The console log for lines about {@code type}, logged by its SLF4J logger when there is a binding. */
    public static ConsoleLog of(Class<?> type) {
        return new ConsoleLog(LoggerFactory.getLogger(type));
    }

    /** An info line; {@code pattern} uses SLF4J's {@code {}} placeholders. */
    public void info(String pattern, Object... arguments) {
        if (hasNoBinding()) {
            print(System.out, pattern, arguments);
        } else {
            logger.info(pattern, arguments);
        }
    }

    /** A warning; {@code pattern} uses SLF4J's {@code {}} placeholders. */
    public void warn(String pattern, Object... arguments) {
        if (hasNoBinding()) {
            print(System.err, pattern, arguments);
        } else {
            logger.warn(pattern, arguments);
        }
    }

    /** Whether SLF4J found no provider, so that its loggers drop every line. */
    public static boolean hasNoBinding() {
        return isNoBinding(LoggerFactory.getILoggerFactory());
    }

    static boolean isNoBinding(ILoggerFactory factory) {
        return factory instanceof NOPLoggerFactory && !isPresent(CHOSEN_SILENCE);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, ConsoleLog.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void print(PrintStream stream, String pattern, Object[] arguments) {
        if (hintPrinted.compareAndSet(false, true)) {
            System.err.println("microflask: no SLF4J binding is on the classpath, so start-up messages are printed "
                    + "here and request logs and errors go nowhere. Add one for those, e.g. the dependency "
                    + "ch.qos.logback:logback-classic.");
        }
        stream.println(MessageFormatter.arrayFormat(pattern, arguments).getMessage());
        stream.flush();
    }
}
