package io.microflask.dispatch;

import io.microflask.RouteInfo;

/** A handler returned a value that nothing installed can write: the developer's to fix, named so. */
final class NoWriterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoWriterException(RouteInfo route, Class<?> type) {
        super((route == null ? "a handler" : route.handlerName()) + " returned a " + type.getName()
                + ", which no installed extension can write. "
                + (type.isRecord() || java.util.Map.class.isAssignableFrom(type)
                || java.util.Collection.class.isAssignableFrom(type) || !type.getName().startsWith("java.")
                ? "To answer with JSON, add the dependency io.microflask:microflask-json. "
                : "")
                + "Or return a String (HTML), byte[] or Response.", null, false, false);
    }
}
