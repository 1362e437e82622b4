package io.microflask.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What a logger (and the loggers below it) logged while a test ran: open, act, read, close.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("io.microflask")) {
 *     ...
 *     assertTrue(log.text().contains("debug details of this error were not shown"));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the logger of that name and its children, e.g. {@code "io.microflask"} for all of the framework. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** Captures the logger of a class. */
    public static LogCapture of(Class<?> owner) {
        return new LogCapture(owner.getName());
    }

    /** Every message so far, formatted, oldest first. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The messages logged at {@code level}. */
    public List<String> messages(Level level) {
        return events().stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Every message, one per line. */
    public String text() {
        return String.join("\n", messages());
    }

    /** The captured events, with logger names, levels and throwables. */
    public List<ILoggingEvent> events() {
        // Handler threads log while the test reads.
        synchronized (appender) { // AppenderBase appends under this lock
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
