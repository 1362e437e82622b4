package io.microflask.server;

import io.microflask.Settings;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One connection's place under {@code settings().maxConnections()} and
 * {@code maxConnectionsPerAddress()} (trusted proxies are exempt from the latter: their clients
 * share their address). Used on the connection's event loop only.
 */
final class ConnectionAdmission {
    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);

    private final ServerState state;
    private boolean counted;
    /** The peer counted against the per-address cap, or {@code null}. */
    private InetAddress countedAddress;

    ConnectionAdmission(ServerState state) {
        this.state = state;
    }

    /** Counts the connection; {@code false} when it is over a cap (and nothing stays counted). */
    boolean admit(Channel channel, Settings settings) {
        if (!state.admitConnection(settings.maxConnections())) {
            if (state.shouldWarnAboutCapacity()) {
                log.warn("{} connections are open, the most settings().maxConnections() allows; new connections "
                        + "are refused (this is logged at most every 10 s)", settings.maxConnections());
            }
            return false;
        }
        counted = true;
        if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
                && !settings.isTrustedProxy(remote.getAddress())) {
            InetAddress address = remote.getAddress();
            if (!state.admitFromAddress(address, settings.maxConnectionsPerAddress())) {
                log.debug("refusing a connection from {}: it has settings().maxConnectionsPerAddress() ({}) open",
                        address.getHostAddress(), settings.maxConnectionsPerAddress());
                release();
                return false;
            }
            countedAddress = address;
        }
        return true;
    }

    /** The connection closed (or was refused): gives back what it counted. */
    void release() {
        if (counted) {
            counted = false;
            state.connectionClosed();
        }
        if (countedAddress != null) {
            state.releaseAddress(countedAddress);
            countedAddress = null;
        }
    }
}
