package io.microflask.bench.tfb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueriesTest {

    @ParameterizedTest(name = "queries={0} asks for {1} rows")
    @CsvSource({"1, 1", "20, 20", "500, 500", "501, 500", "0, 1", "-3, 1", "foo, 1", "2.5, 1", "+7, 7",
        "99999999999, 500", "-99999999999, 1"})
    void clampsToOneToFiveHundred(String argument, int rows) {
        assertEquals(rows, Queries.count(argument));
    }

    @Test
    void missingOrEmptyAsksForOne() {
        assertEquals(1, Queries.count(null));
        assertEquals(1, Queries.count(""));
    }

    @Test
    void fortunesSortByMessageWithTheAddedOneAmongThem() {
        java.util.List<Fortune> fortunes = new java.util.ArrayList<>(java.util.List.of(
                new Fortune(3, "After enough decimal places, nobody gives a damn."),
                new Fortune(1, "fortune: No such file or directory"),
                new Fortune(11, "<script>alert(\"x\");</script>"),
                Fortune.ADDED_AT_REQUEST_TIME));
        fortunes.sort(null);
        assertEquals(java.util.List.of(11, 0, 3, 1), fortunes.stream().map(Fortune::id).toList());
    }
}
