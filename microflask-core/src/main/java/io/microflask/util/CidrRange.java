package io.microflask.util;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare
 * address is a range of one. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) match the IPv4
 * ranges, since a dual-stack socket reports IPv4 peers that way.
 */
public final class CidrRange {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address} or {@code address/prefix}. Only literal addresses are accepted: a
     * host name would need a DNS lookup, and a trust decision must not depend on one.
     */
    public static CidrRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty address range; give an address such as \"10.0.0.1\" or a "
                    + "CIDR range such as \"10.0.0.0/8\"");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = parseLiteral(addressText);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range; use a literal "
                    + "address such as \"10.0.0.1\", \"::1\" or a range such as \"10.0.0.0/8\" (host names are "
                    + "not looked up)");
        }
        byte[] bytes = normalise(address).getAddress();
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            try {
                prefix = Integer.parseInt(prefixText);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix || !prefixText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length '" + prefixText
                        + "'; it must be 0-" + maxPrefix + " for an " + (maxPrefix == 32 ? "IPv4" : "IPv6")
                        + " address");
            }
        }
        byte[] network = mask(bytes, prefix);
        return new CidrRange(network, prefix, format(network, prefix));
    }

    /**
     * The address of a literal IPv4 or IPv6 text (brackets allowed around IPv6), or {@code null}
     * when the text is not one. Never performs a DNS lookup.
     */
    public static InetAddress parseLiteral(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.isEmpty() || literal.length() > 45) {
            return null;
        }
        boolean ipv6 = literal.indexOf(':') >= 0;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.'
                    || (ipv6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!allowed) {
                return null;
            }
        }
        if (!ipv6 && !isDottedQuad(literal)) {
            return null;
        }
        try {
            // Safe: the text was checked to be a numeric literal, so no name is resolved.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether the address is inside this range. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = normalise(address).getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** IPv4-mapped IPv6 addresses become IPv4. */
    public static InetAddress normalise(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            mapped &= bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return address;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - bitsKept));
        }
        return masked;
    }

    /** The network and prefix, IPv6 in its short form (RFC 5952): {@code "10.0.0.0/8"}, {@code "::1/128"}. */
    @Override
    public String toString() {
        return text;
    }

    private static String format(byte[] address, int prefix) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff) + "/" + prefix;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.append('/').append(prefix).toString();
    }
}
