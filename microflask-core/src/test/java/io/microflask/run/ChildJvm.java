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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
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
