package io.microflask.bench.tfb;

/**
 * A row of TechEmpower's {@code World} table, as the JSON test types answer it:
 * {@code {"id":3217,"randomNumber":2149}}.
 *
 * @param id the row's key, 1 to 10,000
 * @param randomNumber its value, 1 to 10,000
 */
public record World(int id, int randomNumber) {
}
