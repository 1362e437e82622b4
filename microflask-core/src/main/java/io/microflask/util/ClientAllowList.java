package io.microflask.util;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The client addresses a server accepts requests from, as CIDR ranges. Set it with
 * {@code app.settings().allowClients(ClientAllowList.localNetworks())}; a client outside it is
 * answered 403 and its connection closed, before any handler runs.
 */
public final class ClientAllowList {
    private final List<CidrRange> ranges;

    private ClientAllowList(List<CidrRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The given CIDR ranges, e.g. {@code of("127.0.0.0/8", "192.168.1.0/24")}. */
    public static ClientAllowList of(String... cidrs) {
        if (cidrs == null || cidrs.length == 0) {
            throw new IllegalArgumentException("a client allow-list needs at least one CIDR range, e.g. "
                    + "ClientAllowList.of(\"127.0.0.0/8\", \"192.168.0.0/16\")");
        }
        List<CidrRange> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            parsed.add(CidrRange.parse(cidr));
        }
        return new ClientAllowList(parsed);
    }

    /**
     * This machine and the private networks a home or office LAN uses: loopback, 10.0.0.0/8,
     * 172.16.0.0/12, 192.168.0.0/16, link-local, and their IPv6 counterparts. The internet is out.
     */
    public static ClientAllowList localNetworks() {
        return of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                "fc00::/7", "fe80::/10");
    }

    /** Whether a client at {@code address} may send requests. */
    public boolean allows(InetAddress address) {
        for (CidrRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The ranges, in the order given. */
    public List<CidrRange> ranges() {
        return ranges;
    }

    @Override
    public String toString() {
        return ranges.stream().map(CidrRange::toString).collect(Collectors.joining(", "));
    }
}
