package io.microflask.samples.notes;

import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The notes app's /healthz and /readyz, with the store's readiness check on a JDBC (H2) store. */
class NotesProbesTest {

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() {
        JdbcDataSource h2 = new JdbcDataSource();
        String name = "probes-" + UUID.randomUUID();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        TestClient client = NotesApp.create(new JdbcNoteStore(h2).createSchema()).testClient();

        TestResponse ready = client.get("/readyz");
        assertEquals(200, ready.status(), ready.text());
        assertEquals("{\"status\":\"ready\",\"checks\":{\"notes\":\"up\"}}", ready.text());

        // The database is gone: a data source that can no longer connect.
        h2.setURL("jdbc:h2:mem:" + name + "-missing;IFEXISTS=TRUE");
        TestResponse down = client.get("/readyz");
        assertEquals(503, down.status(), down.text());
        assertEquals("{\"status\":\"not ready\",\"checks\":{\"notes\":\"down\"}}", down.text());
        assertEquals(200, client.get("/healthz").status());
    }

    @Test
    void theInMemoryStoreIsAlwaysReady() {
        TestClient client = NotesApp.create(new InMemoryNoteStore(java.time.Clock.systemUTC())).testClient();
        assertEquals("{\"status\":\"up\"}", client.get("/healthz").text());
        assertEquals(200, client.get("/readyz").status());
    }
}
