package io.microflask.util;

/** microflask's version, from the core jar's manifest when packaged. */
public final class Version {
    private static final String UNPACKAGED = "0.1.0";

    private Version() {
    }

    /** The version, e.g. {@code "0.1.0"}. */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version != null ? version : UNPACKAGED;
    }
}
