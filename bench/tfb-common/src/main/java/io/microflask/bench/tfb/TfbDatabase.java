package io.microflask.bench.tfb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TechEmpower's database work over plain JDBC and one HikariCP pool, shared by both apps so that what differs
 * between them is the web framework alone.
 *
 * <p>Each {@code World} row is read by its own {@code SELECT} (the test types forbid fetching several rows with
 * one query); {@link #updateWorlds(int)} writes its rows back in one JDBC batch, ordered by id so that concurrent
 * requests never wait on each other's row locks in opposite orders.
 *
 * <p>Every method blocks its thread on the network: call them from a thread that may block.
 */
public final class TfbDatabase implements AutoCloseable {
    /** Rows in TechEmpower's {@code World} table. */
    public static final int WORLD_ROWS = 10_000;

    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = ?";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = ? WHERE id = ?";
    private static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";

    private final HikariDataSource pool;

    private TfbDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens the pool described by system properties: {@code tfb.db.url} (a JDBC URL, default
     * {@code jdbc:postgresql://127.0.0.1:5432/hello_world}), {@code tfb.db.user} and {@code tfb.db.password}
     * (TechEmpower's {@code benchmarkdbuser}/{@code benchmarkdbpass}) and {@code tfb.db.pool} (connections,
     * default 8). Fails when the database cannot be reached, so that a server never starts without it.
     */
    public static TfbDatabase fromSystemProperties() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tfb");
        config.setJdbcUrl(System.getProperty("tfb.db.url", "jdbc:postgresql://127.0.0.1:5432/hello_world"));
        config.setUsername(System.getProperty("tfb.db.user", "benchmarkdbuser"));
        config.setPassword(System.getProperty("tfb.db.password", "benchmarkdbpass"));
        int size = Integer.parseInt(System.getProperty("tfb.db.pool", "8"));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new TfbDatabase(new HikariDataSource(config));
    }

    /** The pool's size, for executors that should match it. */
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    /** One random {@code World} row: the {@code /db} test. */
    public World randomWorld() {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_WORLD)) {
            return readWorld(select, randomId());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a World row: " + e.getMessage(), e);
        }
    }

    /** {@code count} random {@code World} rows, each read by its own query: the {@code /queries} test. */
    public List<World> worlds(int count) {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_WORLD)) {
            List<World> worlds = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                worlds.add(readWorld(select, randomId()));
            }
            return worlds;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read World rows: " + e.getMessage(), e);
        }
    }

    /**
     * {@code count} random {@code World} rows, each read by its own query, given a new random number (never the
     * one it had) and written back: the {@code /updates} test. Returns the rows as written.
     */
    public List<World> updateWorlds(int count) {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_WORLD);
             PreparedStatement update = connection.prepareStatement(UPDATE_WORLD)) {
            World[] worlds = new World[count];
            for (int i = 0; i < count; i++) {
                World read = readWorld(select, randomId());
                worlds[i] = new World(read.id(), otherRandomNumber(read.randomNumber()));
            }
            World[] byId = worlds.clone();
            Arrays.sort(byId, Comparator.comparingInt(World::id));
            for (World world : byId) {
                update.setInt(1, world.randomNumber());
                update.setInt(2, world.id());
                update.addBatch();
            }
            update.executeBatch();
            return Arrays.asList(worlds);
        } catch (SQLException e) {
            throw new IllegalStateException("could not update World rows: " + e.getMessage(), e);
        }
    }

    /** Every row of {@code Fortune}, plus {@link Fortune#ADDED_AT_REQUEST_TIME}, sorted by message. */
    public List<Fortune> fortunes() {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_FORTUNES);
             ResultSet rows = select.executeQuery()) {
            List<Fortune> fortunes = new ArrayList<>(16);
            while (rows.next()) {
                fortunes.add(new Fortune(rows.getInt(1), rows.getString(2)));
            }
            fortunes.add(Fortune.ADDED_AT_REQUEST_TIME);
            fortunes.sort(null);
            return fortunes;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the fortunes: " + e.getMessage(), e);
        }
    }

    /** Closes the pool. */
    @Override
    public void close() {
        pool.close();
    }

    private static World readWorld(PreparedStatement select, int id) throws SQLException {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("no World row with id " + id + "; is the table filled (bench/tfb.sh does it)?");
            }
            return new World(row.getInt(1), row.getInt(2));
        }
    }

    private static int randomId() {
        return ThreadLocalRandom.current().nextInt(1, WORLD_ROWS + 1);
    }

    private static int otherRandomNumber(int current) {
        int next = ThreadLocalRandom.current().nextInt(1, WORLD_ROWS);
        return next >= current ? next + 1 : next;
    }
}
