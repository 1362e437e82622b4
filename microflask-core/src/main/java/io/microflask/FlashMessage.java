package io.microflask;

/**
 * One flashed message and its category ({@value #DEFAULT_CATEGORY} when none was given), as
 * Flask's {@code get_flashed_messages(with_categories=True)} gives them.
 *
 * @param category the category, e.g. {@code "error"}
 * @param message  the text to show
 */
public record FlashMessage(String category, String message) {
    /** The category of a message flashed without one, as in Flask. */
    public static final String DEFAULT_CATEGORY = "message";
}
