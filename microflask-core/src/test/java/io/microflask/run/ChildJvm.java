package io.microflask.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A second JVM running a main class from the test classpath, with its output read line by line. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> allStdout = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());

    private final List<Thread> readers = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        pump(process.getInputStream(), line -> {
            allStdout.add(line);
            stdout.add(line);
        });
        pump(process.getErrorStream(), stderr::add);
    }

    static ChildJvm start(Class<?> mainClass, Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), mainClass, environment, args);
    }

    /** As {@link #start(Class, Map, String...)}, with JVM options such as {@code -Xmx256m}. */
    static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, Map<String, String> environment,
                          String... args) throws IOException {
        return start(jvmOptions, System.getProperty("java.class.path"), mainClass, environment, args);
    }

    /** As {@link #start(Class, Map, String...)}, on the test classpath without the entries that contain {@code part}. */
    static ChildJvm startWithout(String part, Class<?> mainClass, Map<String, String> environment, String... args)
            throws IOException {
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains(part))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return start(List.of(), classPath, mainClass, environment, args);
    }

    private static ChildJvm start(List<String> jvmOptions, String classPath, Class<?> mainClass,
                                  Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            // Else Java 22+ warns on stderr when Netty loads its native transport, and the tests
            // read stderr for what the app itself prints.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MICROFLASK_"));
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start());
    }

    /** The next stdout line containing {@code part}; fails after a generous bound so a broken child cannot hang the build. */
    String awaitLine(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(part)) {
                return line;
            }
            if (line == null && !process.isAlive() && stdout.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("the child never printed '" + part + "'; stdout:\n" + String.join("\n", allStdout)
                + "\nstderr:\n" + String.join("\n", stderr));
    }

    /** Waits, within the same bound as {@link #awaitLine}, until stderr has a line containing {@code part}. */
    void awaitStderr(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!stderr().contains(part)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !stderr().contains(part)) {
                for (Thread reader : readers) {
                    reader.join(TimeUnit.SECONDS.toMillis(1));
                }
                if (stderr().contains(part)) {
                    return;
                }
                throw new AssertionError("the child never printed '" + part + "' to stderr; stderr:\n" + stderr()
                        + "\nstdout:\n" + stdout());
            }
            Thread.sleep(20);
        }
    }

    Process process() {
        return process;
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not exit; stdout:\n" + String.join("\n", allStdout));
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(10)); // the output the child wrote just before it ended
        }
        return process.exitValue();
    }

    String stdout() {
        synchronized (allStdout) {
            return String.join("\n", allStdout);
        }
    }

    String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    private void pump(InputStream stream, java.util.function.Consumer<String> sink) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The child ended.
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
