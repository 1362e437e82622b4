package io.microflask;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Another socket already listens on the port. Carries what a program needs to react: the port,
 * the process holding it (when it could be found) and a port that was free when checked.
 */
public final class PortInUseException extends ServerStartException {
    private static final long serialVersionUID = 1L;

    private final transient PortHolder holder;
    /** A port that was free when the failure was found, or -1. */
    private final int suggestedPort;

    /**
     * @param message       what happened and how to fix it
     * @param holder        the process holding the port, or {@code null} when it could not be found
     * @param suggestedPort a port that was free when checked
     */
    public PortInUseException(String host, int port, String message, PortHolder holder, OptionalInt suggestedPort,
                              Throwable cause) {
        super(host, port, message, cause);
        this.holder = holder;
        this.suggestedPort = suggestedPort.orElse(-1);
    }

    /** The process listening on the port, when it could be found. */
    public Optional<PortHolder> holder() {
        return Optional.ofNullable(holder);
    }

    /** The nearest port that was free when checked, if any of those tried was. */
    public OptionalInt suggestedPort() {
        return suggestedPort < 0 ? OptionalInt.empty() : OptionalInt.of(suggestedPort);
    }
}
