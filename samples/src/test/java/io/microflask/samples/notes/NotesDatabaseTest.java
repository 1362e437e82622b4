package io.microflask.samples.notes;

import io.microflask.App;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notes app on its real database: an H2 file in the instance folder, made on the first start,
 * kept across restarts (a new app over the same folder, as after a reload or a new process), and
 * cleared by {@code init-db}.
 */
class NotesDatabaseTest {
    private static final String TEST_KEY = "notes-database-test-key-0123456789abcdef";

    @TempDir
    Path instance;

    private App app() {
        App app = new App();
        app.settings().instancePath(instance).secretKey(TEST_KEY);
        return NotesApp.withDatabase(app);
    }

    private static String login(TestClient client) {
        TestResponse login = client.postForm("/login", java.util.Map.of("username", "ada"));
        assertEquals(303, login.status(), login.text());
        return login.header("Location");
    }

    @Test
    void theSchemaIsMadeOnFirstStartAndNotesSurviveARestart() {
        App first = app();
        try {
            TestClient client = first.testClient();
            login(client);
            TestResponse created = client.post("/api/notes", "application/json", "{\"text\": \"Buy milk\"}");
            assertEquals(201, created.status(), created.text());
        } finally {
            close(first);
        }
        assertTrue(Files.exists(instance.resolve("notes.mv.db")), "the database is a file in the instance folder");

        App second = app();
        try {
            String notes = second.testClient().get("/api/notes").text();
            assertTrue(notes.contains("\"text\":\"Buy milk\""), notes);
        } finally {
            close(second);
        }
    }

    @Test
    void initDbClearsTheNotes() {
        App app = app();
        try {
            TestClient client = app.testClient();
            login(client);
            client.post("/api/notes", "application/json", "{\"text\": \"old\"}");
            NotesDatabase database = (NotesDatabase) app.handlers().stream()
                    .filter(NotesDatabase.class::isInstance).findFirst().orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            database.initDb(new PrintStream(out, true, StandardCharsets.UTF_8));

            assertEquals("Initialized the database.", out.toString(StandardCharsets.UTF_8).strip());
            assertEquals("[]", client.get("/api/notes").text());
        } finally {
            close(app);
        }
    }

    /** What a reload, a command's end and a stopped run do: the pool is disposed, the file stays. */
    private static void close(App app) {
        app.closeResources();
    }
}
