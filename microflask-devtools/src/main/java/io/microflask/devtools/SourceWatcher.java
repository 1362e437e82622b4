package io.microflask.devtools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scans directory trees for files that were added, changed or removed, and hands each batch of
 * changes to a consumer once the trees have been quiet for a moment.
 *
 * <p>It polls (every {@code pollInterval}) rather than using {@code WatchService}: a scan of a
 * source tree costs little, works the same on every OS (the JDK's macOS watch service polls
 * every few seconds), and sees files in new directories without re-registering.
 */
final class SourceWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceWatcher.class);

    private final List<Path> roots;
    private final Duration pollInterval;
    private final Duration quietPeriod;
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private Map<Path, Stamp> snapshot;

    SourceWatcher(List<Path> roots, Duration pollInterval, Duration quietPeriod, Runnable beforeFirstScan,
                  Consumer<Set<Path>> onChange) {
        this.roots = List.copyOf(roots);
        this.pollInterval = pollInterval;
        this.quietPeriod = quietPeriod;
        this.onChange = onChange;
        this.snapshot = scan();
        this.thread = new Thread(() -> run(beforeFirstScan), "microflask-devtools-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run(Runnable beforeFirstScan) {
        try {
            beforeFirstScan.run();
        } catch (RuntimeException e) {
            log.debug("devtools warm-up failed", e);
        }
        while (running) {
            try {
                Thread.sleep(pollInterval.toMillis());
                Set<Path> changed = changesSinceLastScan();
                if (changed.isEmpty()) {
                    continue;
                }
                // Wait until a save that touches several files (or an IDE build) is complete.
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (running && System.nanoTime() < deadline) {
                    Thread.sleep(Math.max(1, quietPeriod.toMillis()));
                    Set<Path> more = changesSinceLastScan();
                    if (more.isEmpty()) {
                        break;
                    }
                    changed.addAll(more);
                }
                if (running) {
                    onChange.accept(changed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("devtools could not handle a change of the sources; watching goes on", e);
            }
        }
    }

    private Set<Path> changesSinceLastScan() {
        Map<Path, Stamp> current = scan();
        Set<Path> changed = new LinkedHashSet<>();
        for (Map.Entry<Path, Stamp> entry : current.entrySet()) {
            if (!Objects.equals(snapshot.get(entry.getKey()), entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        for (Path old : snapshot.keySet()) {
            if (!current.containsKey(old)) {
                changed.add(old);
            }
        }
        snapshot = current;
        return changed;
    }

    private Map<Path, Stamp> scan() {
        Map<Path, Stamp> files = new HashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        Path name = dir.getFileName();
                        return !dir.equals(root) && name != null && name.toString().startsWith(".")
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !isEditorScratch(file)) {
                            files.put(file, new Stamp(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), attrs.size()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // A file removed while the tree is walked: it shows as removed next time.
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (NoSuchFileException e) {
                // the root went away; it is scanned again next time
            } catch (IOException e) {
                throw new UncheckedIOException("could not scan " + root, e);
            }
        }
        return files;
    }

    /** Swap, backup and lock files that editors write next to the real one. */
    private static boolean isEditorScratch(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx")
                || name.startsWith("#") || name.endsWith(".tmp");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Stamp(long modifiedNanos, long size) {
    }
}
