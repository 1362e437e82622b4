package io.microflask.devtools;

import io.microflask.HttpStatus;
import io.microflask.RouteInfo;
import io.microflask.spi.ErrorContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the detailed error page shows about one failure, ready for the HTML and the JSON writer:
 * the exception and its causes with their frames (application frames with source lines and an
 * editor link), the template a message names, the route and the handler's arguments, and the
 * plain traceback.
 */
record ErrorReport(int status, String reason, List<ExceptionView> chain, TemplateLocation template,
                   RouteInfo route, List<ArgumentView> arguments, String traceback) {

    private static final int MAX_VALUE_LENGTH = 500;
    private static final Pattern FILE_AND_LINE = Pattern.compile(
            "([\\w./\\\\-]+\\.(?:mustache|html|htm|hbs|ftl|peb|jte|txt|xml|css|js|json|properties)):(\\d+)");

    /** One exception of the chain; {@code relation} is "" for the first, "Caused by" or "Suppressed". */
    record ExceptionView(String relation, String type, String message, List<FrameView> frames, int framesInCommon) {
    }

    /** One stack frame; {@code source} and {@code lines} are set for application frames found on disk. */
    record FrameView(String className, String method, String fileName, int line, boolean application, Path source,
                     List<SourceLines.Line> lines, String editorLink) {

        String text() {
            return className + "." + method + "(" + (fileName == null ? "Unknown Source"
                    : fileName + (line > 0 ? ":" + line : "")) + ")";
        }
    }

    /** The template file and line an exception's message names, found in the resource roots. */
    record TemplateLocation(String name, Path file, int line, List<SourceLines.Line> lines, String editorLink) {
    }

    /** One argument the handler was called with. */
    record ArgumentView(String name, String type, String value) {
    }

    static ErrorReport of(ErrorContext error, ProjectLayout layout, List<ClassLoader> loaders, Editor editor) {
        SourceLocator locator = new SourceLocator(layout.sourceRoots());
        List<ExceptionView> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable failure = error.exception();
        String relation = "";
        Throwable enclosing = null;
        while (failure != null && seen.add(failure)) {
            chain.add(view(relation, failure, enclosing, locator, loaders, editor));
            for (Throwable suppressed : failure.getSuppressed()) {
                if (seen.add(suppressed)) {
                    chain.add(view("Suppressed", suppressed, failure, locator, loaders, editor));
                }
            }
            relation = "Caused by";
            enclosing = failure;
            failure = failure.getCause();
        }
        String traceback = "";
        if (error.exception() != null) {
            StringWriter text = new StringWriter();
            error.exception().printStackTrace(new PrintWriter(text));
            traceback = text.toString();
        }
        return new ErrorReport(error.status(), HttpStatus.reason(error.status()), chain,
                template(chain, layout.resourceRoots(), editor), error.route(),
                arguments(error.route(), error.arguments()), traceback);
    }

    private static ExceptionView view(String relation, Throwable failure, Throwable enclosing, SourceLocator locator,
                                      List<ClassLoader> loaders, Editor editor) {
        StackTraceElement[] trace = failure.getStackTrace();
        // As Throwable.printStackTrace does: a cause's frames shared with the exception that
        // wraps it are shown once, with the wrapper.
        int inCommon = 0;
        if (enclosing != null) {
            StackTraceElement[] outer = enclosing.getStackTrace();
            int i = trace.length - 1;
            int j = outer.length - 1;
            while (i >= 0 && j >= 0 && trace[i].equals(outer[j])) {
                i--;
                j--;
                inCommon++;
            }
        }
        List<FrameView> frames = new ArrayList<>();
        for (int index = 0; index < trace.length - inCommon; index++) {
            StackTraceElement element = trace[index];
            Class<?> type = isFramework(element.getClassName()) ? null : resolve(element.getClassName(), loaders);
            Path source = type == null && isFramework(element.getClassName()) ? null : locator.find(element, type);
            boolean application = !isFramework(element.getClassName())
                    && (source != null || (type != null && ProjectLayout.classDirectory(type) != null));
            List<SourceLines.Line> lines = application ? SourceLines.around(source, element.getLineNumber()) : List.of();
            String link = application && source != null ? editor.link(source, element.getLineNumber()) : null;
            frames.add(new FrameView(element.getClassName(), element.getMethodName(), element.getFileName(),
                    element.getLineNumber(), application, source, lines, link));
        }
        return new ExceptionView(relation, failure.getClass().getName(), failure.getMessage(), frames, inCommon);
    }

    /**
     * Whether a class belongs to the JDK, the server or microflask itself: its frames are folded.
     * The samples are application code.
     */
    static boolean isFramework(String className) {
        if (className.startsWith("io.microflask.")) {
            return !className.startsWith("io.microflask.samples.");
        }
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.") || className.startsWith("io.netty.")
                || className.startsWith("org.slf4j.") || className.startsWith("ch.qos.logback.")
                || className.startsWith("org.junit.") || className.startsWith("org.apache.maven.")
                || className.startsWith("com.fasterxml.jackson.") || className.startsWith("com.github.mustachejava.");
    }

    private static Class<?> resolve(String className, List<ClassLoader> loaders) {
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    private static TemplateLocation template(List<ExceptionView> chain, List<Path> resourceRoots, Editor editor) {
        for (ExceptionView exception : chain) {
            if (exception.message() == null) {
                continue;
            }
            Matcher matcher = FILE_AND_LINE.matcher(exception.message());
            while (matcher.find()) {
                String name = matcher.group(1).replace('\\', '/');
                int line;
                try {
                    line = Integer.parseInt(matcher.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                Path file = findResource(name, resourceRoots);
                if (file != null) {
                    return new TemplateLocation(name, file, line, SourceLines.around(file, line),
                            editor.link(file, line));
                }
            }
        }
        return null;
    }

    private static Path findResource(String name, List<Path> roots) {
        String relative = name.startsWith("/") ? name.substring(1) : name;
        for (Path root : roots) {
            for (Path candidate : List.of(root.resolve(relative), root.resolve("templates").resolve(relative))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.toAbsolutePath().normalize();
                }
            }
        }
        String fileName = Path.of(relative).getFileName().toString();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, 8)) {
                Path found = files.filter(p -> p.getFileName().toString().equals(fileName) && p.endsWith(relative))
                        .findFirst().orElse(null);
                if (found != null) {
                    return found.toAbsolutePath().normalize();
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // unreadable tree: no template snippet
            }
        }
        return null;
    }

    private static List<ArgumentView> arguments(RouteInfo route, Object[] values) {
        if (route == null || values == null) {
            return List.of();
        }
        Method method = route.handler();
        Parameter[] parameters = method.getParameters();
        List<ArgumentView> views = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String name = i < parameters.length ? parameters[i].getName() : "arg" + i;
            String type = i < parameters.length ? parameters[i].getParameterizedType().getTypeName() : "?";
            views.add(new ArgumentView(name, type, describe(values[i])));
        }
        return views;
    }

    /** A value's text for the page: its {@code toString()}, shortened, never failing. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text;
        try {
            text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        } catch (RuntimeException e) {
            text = value.getClass().getName() + " (its toString() threw " + e + ")";
        }
        return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "…" : text;
    }

    /** The first application frame of the first exception: where it went wrong in the app's code. */
    FrameView origin() {
        for (ExceptionView exception : chain) {
            for (FrameView frame : exception.frames()) {
                if (frame.application()) {
                    return frame;
                }
            }
        }
        return null;
    }
}
