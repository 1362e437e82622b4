package io.microflask.samples.notes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The notes in a SQL database, through any JDBC {@link DataSource} (PostgreSQL, MySQL, H2, ...):
 * the README's example of putting a database behind the store. Handlers may block on it; they
 * never run on the event loop.
 */
public final class JdbcNoteStore implements NoteStore {
    /** Standard SQL that PostgreSQL, H2 and recent MySQL accept. */
    public static final String SCHEMA = "CREATE TABLE IF NOT EXISTS notes ("
            + "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            + "text VARCHAR(10000) NOT NULL, "
            + "created TIMESTAMP NOT NULL)";

    private final DataSource dataSource;

    public JdbcNoteStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the table when it is not there yet. */
    public JdbcNoteStore createSchema() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the notes table: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Note> all() {
        String sql = "SELECT id, text, created FROM notes ORDER BY id DESC";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<Note> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(note(rows));
            }
            return notes;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the notes: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Note> find(long id) {
        String sql = "SELECT id, text, created FROM notes WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(note(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read note " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Note add(String text) {
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sql = "INSERT INTO notes (text, created) VALUES (?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
            statement.setString(1, text);
            statement.setTimestamp(2, Timestamp.from(created));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getLong(1), text, created);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a note: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Note> replace(long id, String text) {
        String sql = "UPDATE notes SET text = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, text);
            statement.setLong(2, id);
            return statement.executeUpdate() == 0 ? Optional.empty() : find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("could not change note " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM notes WHERE id = ?")) {
            statement.setLong(1, id);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete note " + id + ": " + e.getMessage(), e);
        }
    }

    private static Note note(ResultSet row) throws SQLException {
        return new Note(row.getLong("id"), row.getString("text"), row.getTimestamp("created").toInstant());
    }

    /** Asks the database for a valid connection (within 2 s): the readiness check. */
    @Override
    public void ping() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new SQLException("the database gave a connection that is not valid");
            }
        }
    }
}
