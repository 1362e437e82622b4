package io.microflask.samples.notes;

import java.time.Instant;

/** A note: what the store keeps, what the API answers ({@code created} is ISO-8601 in JSON). */
public record Note(long id, String text, Instant created) {
}
