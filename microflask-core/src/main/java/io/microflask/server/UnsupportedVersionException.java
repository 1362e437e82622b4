package io.microflask.server;

/** A request line with a protocol other than HTTP/1.x (answered 505 in HTTP/1.1). */
final class UnsupportedVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedVersionException(String version) {
        super("this server speaks HTTP/1.0 and HTTP/1.1 on this port, not " + version, null, false, false);
    }
}
