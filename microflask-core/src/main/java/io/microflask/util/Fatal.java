package io.microflask.util;

/**
 * Which failures a server may turn into an error answer and which it must let through. A
 * {@link VirtualMachineError} (out of memory, an internal JVM error) leaves the JVM in a state no
 * answer can be trusted from, so it is rethrown; a {@link StackOverflowError} is a bug in one
 * request (unbounded recursion) and is answered like any other exception.
 */
public final class Fatal {
    private Fatal() {
    }

    /** Rethrows {@code failure} if it is fatal to the JVM; otherwise returns and the caller handles it. */
    public static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
            throw fatal;
        }
    }
}
