package io.microflask.run;

import io.microflask.PortHolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the process listening on a TCP port, the way {@code ss -ltnp} does on Linux: the inodes of
 * the listening sockets in {@code /proc/net/tcp} and {@code /proc/net/tcp6}, matched against the
 * {@code socket:[inode]} links in {@code /proc/<pid>/fd}. Processes of other users are invisible
 * without root, and there is no {@code /proc} on macOS or Windows: then the answer is empty and the
 * caller tells the user which command to run instead.
 */
public final class PortHolderLookup {
    /** The kernel's code for a socket in the LISTEN state in /proc/net/tcp. */
    private static final String LISTEN = "0A";

    private final Path proc;

    /** A lookup in this machine's {@code /proc}. */
    public PortHolderLookup() {
        this(Path.of("/proc"));
    }

    /** A lookup in another {@code /proc}-shaped tree (for tests). */
    public PortHolderLookup(Path proc) {
        this.proc = proc;
    }

    /** The process listening on {@code port}, if it can be found. */
    public Optional<PortHolder> find(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inodes.addAll(listeningInodes(proc.resolve(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, PortHolderLookup::isPidDirectory)) {
            for (Path process : processes) {
                if (holdsAny(process.resolve("fd"), inodes)) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    return Optional.of(new PortHolder(pid, commandLine(process)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Inodes of the sockets listening on {@code port} in one of the kernel's TCP tables. */
    static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return inodes;
        }
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            if (fields.length > 9 && fields[1].toUpperCase(Locale.ROOT).endsWith(portHex) && LISTEN.equals(fields[3])
                    && !"0".equals(fields[9])) {
                inodes.add(fields[9]);
            }
        }
        return inodes;
    }

    private static boolean holdsAny(Path fdDirectory, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed meanwhile, or not a link
                }
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Another user's process (no permission) or one that just ended.
        }
        return false;
    }

    private static String commandLine(Path process) {
        try {
            byte[] raw = Files.readAllBytes(process.resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
