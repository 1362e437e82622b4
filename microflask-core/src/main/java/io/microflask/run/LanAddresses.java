package io.microflask.run;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This machine's IPv4 addresses that other devices can use: those of every interface that is up,
 * loopback excluded. A phone on the same Wi-Fi reaches a server bound to 0.0.0.0 through one of them.
 */
public final class LanAddresses {
    private LanAddresses() {
    }

    /** One address and the interface that has it ({@code 192.168.1.23} on {@code wlan0}). */
    public record LanAddress(String address, String interfaceName) {
    }

    /** The non-loopback IPv4 addresses of the interfaces that are up, in the system's order. */
    public static List<LanAddress> find() {
        List<LanAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        found.add(new LanAddress(address.getHostAddress(), network.getName()));
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // No interface list (a locked-down sandbox): the banner shows the loopback URL only.
        }
        return found;
    }
}
