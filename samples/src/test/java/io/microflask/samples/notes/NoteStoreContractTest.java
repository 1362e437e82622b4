package io.microflask.samples.notes;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both stores keep the same contract: the in-memory one and the JDBC one (on an in-memory H2 database). */
class NoteStoreContractTest {

    static Stream<Supplier<NoteStore>> stores() {
        Supplier<NoteStore> memory = () -> new InMemoryNoteStore(Clock.systemUTC());
        Supplier<NoteStore> jdbc = () -> {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:notes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return new JdbcNoteStore(h2).createSchema();
        };
        return Stream.of(memory, jdbc);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void addFindReplaceDeleteNewestFirst(Supplier<NoteStore> factory) {
        NoteStore store = factory.get();
        Note first = store.add("first");
        Note second = store.add("second");
        assertEquals(List.of(second, first), store.all());
        assertEquals(first, store.find(first.id()).orElseThrow());
        assertEquals("changed", store.replace(first.id(), "changed").orElseThrow().text());
        assertEquals(first.created(), store.find(first.id()).orElseThrow().created());
        assertTrue(store.replace(999, "x").isEmpty());
        assertTrue(store.delete(second.id()));
        assertFalse(store.delete(second.id()));
        assertTrue(store.find(second.id()).isEmpty());
        assertEquals(1, store.all().size());
    }
}
