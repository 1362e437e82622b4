package io.microflask.session;

/**
 * One flashed message and its category ({@code "message"} when none was given), as Flask's
 * {@code get_flashed_messages(with_categories=True)} gives them.
 */
public record FlashMessage(String category, String message) {
}
