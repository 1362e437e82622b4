package io.microflask.json;

/**
 * What happens when a JSON body has a property the target type does not declare, e.g.
 * {@code {"titel": "..."}} for a record with a {@code title}. Set with
 * {@link JsonExtension#unknownProperties(UnknownProperties)}.
 */
public enum UnknownProperties {
    /**
     * The request is answered 400 naming the unknown field and the known ones, so that a client's
     * typo is found at once rather than silently dropped. The default.
     */
    REJECT,
    /** Unknown properties are skipped, so that clients may send fields a newer API version knows. */
    IGNORE
}
