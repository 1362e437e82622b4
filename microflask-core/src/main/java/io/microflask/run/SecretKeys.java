package io.microflask.run;

import io.microflask.ServerStartException;
import io.microflask.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which key signs sessions when a server starts, so that a known key is never shipped by accident:
 * <ul>
 *   <li>a key in the settings (or {@code MICROFLASK_SECRET_KEY}) is used as it is;</li>
 *   <li>in production mode, an app that uses sessions without one refuses to start, with a
 *       {@link ServerStartException} that says how to set one;</li>
 *   <li>in debug mode, a random development key is generated once into the instance folder
 *       ({@code settings().instancePath()}, file {@value #FILE_NAME}, readable by the owner only
 *       where the file system allows) and reused on later runs, so that sessions survive a
 *       restart. It is read at start when the app is seen to use sessions, else when a session is
 *       first saved (after a reload that started using them, say; reading an empty one needs no
 *       key). Where it is is logged at INFO;</li>
 *   <li>with the adhoc development certificate ({@code --cert adhoc}, for testing on a phone) in
 *       production mode, the same development key: that certificate already says "not production",
 *       and refusing would only make the phone test run in debug mode, whose debugger a LAN must
 *       not see.</li>
 * </ul>
 */
public final class SecretKeys {
    /** The name of the development key's file in the instance folder. */
    public static final String FILE_NAME = "secret_key";
    private static final ConsoleLog log = ConsoleLog.of(SecretKeys.class);
    private static final int KEY_BYTES = 32;

    private SecretKeys() {
    }

    /**
     * Decides the key for a start.
     *
     * @param settings   the app's settings
     * @param debug      whether the server starts in debug mode
     * @param sessionUse why the app is seen to use sessions, or {@code null} when it is not
     * @param host       the host to bind, for the exception
     * @param port       the port to bind, for the exception
     * @return the development key to sign with while the settings have none, or {@code null} when
     *         the settings' key is used (or none is needed)
     * @throws ServerStartException in production mode when the app uses sessions and no key is set;
     *                              in debug mode when the development key can be neither read nor written
     */
    public static Supplier<String> forStart(Settings settings, boolean debug, String sessionUse, String host,
                                            int port) {
        if (settings.secretKey() != null) {
            return null;
        }
        if (!debug && !settings.adhocCertificate()) {
            if (sessionUse != null) {
                throw new ServerStartException(host, port, missingKeyMessage(sessionUse), null);
            }
            return null;
        }
        DevelopmentKey key = new DevelopmentKey(settings.instancePath(), debug ? "debug mode" : "--cert adhoc");
        if (sessionUse != null) {
            try {
                key.get(); // now, so that a folder that cannot be written fails the start, not a request
            } catch (IllegalStateException e) {
                throw new ServerStartException(host, port, e.getMessage(), e.getCause());
            }
        }
        return key;
    }

    /** What a production start without a key says: what is wrong, and each way to fix it. */
    static String missingKeyMessage(String sessionUse) {
        return "Refusing to start in production mode: the app uses sessions (" + sessionUse + ") but no secret key "
                + "is set, and session cookies signed with a missing or well-known key can be forged. Set the "
                + "environment variable " + Environment.SECRET_KEY_VARIABLE + " to a long random value, e.g.\n"
                + "    export " + Environment.SECRET_KEY_VARIABLE + "=$(openssl rand -hex 32)\n"
                + "or call app.settings().secretKey(...) with a key read from your secret store, never one written "
                + "in the source. Every instance that serves the same users needs the same key. (In debug mode, "
                + "or with --cert adhoc, a development key is generated into the instance folder instead.)";
    }

    /** The development key in {@code folder/secret_key}: read, or generated on first use. */
    static final class DevelopmentKey implements Supplier<String> {
        private final Path folder;
        /** Why a development key is used, for the log: "debug mode" or "--cert adhoc". */
        private final String reason;
        private volatile String key;

        DevelopmentKey(Path folder, String reason) {
            this.folder = folder.toAbsolutePath().normalize();
            this.reason = reason;
        }

        Path file() {
            return folder.resolve(FILE_NAME);
        }

        @Override
        public String get() {
            String current = key;
            if (current == null) {
                synchronized (this) {
                    current = key;
                    if (current == null) {
                        current = loadOrCreate();
                        key = current;
                    }
                }
            }
            return current;
        }

        private String loadOrCreate() {
            Path file = file();
            try {
                String existing = read(file);
                if (existing != null) {
                    log.info("{}: sessions are signed with the development key kept in {} (no secret key is "
                            + "set; production needs {})", reason, file, Environment.SECRET_KEY_VARIABLE);
                    return existing;
                }
                String created = create(file);
                log.info("{}: generated a development key for sessions in {}; later runs reuse it (no secret "
                        + "key is set; production needs {}). Keep the folder out of version control.", reason, file,
                        Environment.SECRET_KEY_VARIABLE);
                return created;
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(reason + ": the development key for sessions could not be read or "
                        + "written at " + file + " (" + e + "). Make the folder writable, choose another with "
                        + "app.settings().instancePath(...), or set " + Environment.SECRET_KEY_VARIABLE + ".", e);
            }
        }

        /** The key in {@code file}, or {@code null} when there is none (or it is empty). */
        private static String read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        }

        /** Writes a new key atomically; if another process wrote one first, that one wins. */
        private String create(Path file) throws IOException {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(folder)) {
                if (posix) {
                    Files.createDirectories(folder, owner(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(folder);
                }
            }
            byte[] bytes = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(bytes);
            String created = HexFormat.of().formatHex(bytes);
            Path temporary = posix
                    ? Files.createTempFile(folder, FILE_NAME, ".tmp", owner(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, FILE_NAME, ".tmp");
            try {
                if (!posix) {
                    ownerOnly(temporary);
                }
                Files.writeString(temporary, created + "\n", StandardCharsets.UTF_8);
                // Without REPLACE_EXISTING: a key another process wrote meanwhile is kept, and used.
                Files.move(temporary, file);
                return created;
            } catch (FileAlreadyExistsException e) {
                String theirs = read(file);
                if (theirs == null) {
                    throw e;
                }
                return theirs;
            } finally {
                Files.deleteIfExists(temporary);
            }
        }

        private static FileAttribute<Set<PosixFilePermission>> owner(Set<PosixFilePermission> permissions) {
            return PosixFilePermissions.asFileAttribute(permissions);
        }

        /** Best effort where there are no POSIX permissions (Windows): readable and writable by the owner only. */
        private static void ownerOnly(Path path) {
            java.io.File file = path.toFile();
            file.setReadable(false, false);
            file.setReadable(true, true);
            file.setWritable(false, false);
            file.setWritable(true, true);
        }
    }
}
