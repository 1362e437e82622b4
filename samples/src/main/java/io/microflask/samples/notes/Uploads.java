package io.microflask.samples.notes;

import io.microflask.UploadedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files uploaded to the notes app, kept in a directory under a random id (never under the
 * name the client sent, which could be anything) for as long as the process runs: a demo store.
 */
public final class Uploads {
    private static final Uploads SHARED = new Uploads();

    /** One stored file: where it is, and what the client called it. */
    public record Stored(UUID id, Path path, String filename, long size) {
    }

    private final Map<UUID, Stored> files = new ConcurrentHashMap<>();
    private Path directory;

    /** The store the app's pages share (devtools reloads the pages, not their uploads). */
    public static Uploads shared() {
        return SHARED;
    }

    /** Copies {@code file} out of the request (its temporary copy goes when the request ends). */
    public Stored store(UploadedFile file) throws IOException {
        UUID id = UUID.randomUUID();
        Path target = directory().resolve(id.toString());
        file.transferTo(target);
        // The name as sent, only ever used as a download name: attachment() makes it safe for the header.
        String name = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
        Stored stored = new Stored(id, target, name, file.size());
        files.put(id, stored);
        return stored;
    }

    /** The stored file with this id, or {@code null}. */
    public Stored find(UUID id) {
        return files.get(id);
    }

    private synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("microflask-notes-uploads-");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a directory for uploads", e);
            }
        }
        return directory;
    }
}
