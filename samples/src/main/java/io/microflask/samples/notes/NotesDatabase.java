package io.microflask.samples.notes;

import io.microflask.App;
import io.microflask.Command;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The notes app's database, as in Flask's tutorial ({@code db.py}): an embedded H2 database in a
 * file under the instance folder ({@code instance/notes.mv.db}) by default, or whatever
 * {@code DATABASE_URL} names (in {@code instance/microflask.properties}, or
 * {@code MICROFLASK_DATABASE_URL}). The table is made on the first start; {@code init-db} makes it
 * afresh. The pool is closed through {@code app.onClose}, so a reload (which builds the app
 * again) and a stop release it; the file keeps the notes across both.
 */
public final class NotesDatabase {
    private final JdbcConnectionPool pool;
    private final JdbcNoteStore store;

    private NotesDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
        this.store = new JdbcNoteStore(pool);
    }

    /** Opens the app's database (closed when the app is), with the notes table made if missing. */
    public static NotesDatabase open(App app) {
        String url = app.config().string("DATABASE_URL", defaultUrl(app.settings().instancePath()));
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, app.config().string("DATABASE_USER", "sa"),
                app.config().string("DATABASE_PASSWORD", ""));
        app.onClose(pool::dispose);
        NotesDatabase database = new NotesDatabase(pool);
        database.store.createSchema();
        return database;
    }

    /** An H2 file in the instance folder; H2 wants an absolute path. */
    static String defaultUrl(Path instance) {
        return "jdbc:h2:file:" + instance.toAbsolutePath().normalize().resolve("notes");
    }

    /** The notes in it. */
    public JdbcNoteStore store() {
        return store;
    }

    /** {@code init-db}: drops the notes and makes the table again, as Flask's tutorial's command does. */
    @Command(value = "init-db", help = "Clear the notes and create the table again")
    public void initDb(PrintStream out) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS notes");
            statement.execute(JdbcNoteStore.SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the notes table: " + e.getMessage(), e);
        }
        out.println("Initialized the database.");
    }
}
