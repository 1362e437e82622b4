package io.microflask.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A CIDR range of IP addresses, like {@code 192.168.0.0/16} or {@code fc00::/7}; a bare address is a range of one. */
public final class AddressRange {
    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private AddressRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code address/prefix} or a bare address; an {@link IllegalArgumentException} saying what is wrong. */
    public static AddressRange parse(String cidr) {
        String text = cidr == null ? "" : cidr.trim();
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literalBytes(addressPart, text);
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("'" + text + "' is not a valid CIDR range: the prefix length after "
                        + "'/' must be a number within 0-" + maxPrefix + " for this address");
            }
        }
        return new AddressRange(text, mask(bytes, prefix), prefix);
    }

    /** Whether {@code address} is in this range (IPv4-mapped IPv6 addresses count as their IPv4 address). */
    public boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literalBytes(String address, String whole) {
        boolean looksLiteral = address.matches("[0-9.]+") || (address.contains(":") && address.matches("[0-9a-fA-F:.]+"));
        if (!looksLiteral) {
            throw new IllegalArgumentException("'" + whole + "' is not a CIDR range: write an IP address and a prefix "
                    + "length, e.g. 192.168.0.0/16, 10.0.0.0/8, 127.0.0.1 or fc00::/7 (host names are not accepted)");
        }
        try {
            return unmapped(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + whole + "' is not a CIDR range: '" + address
                    + "' is not an IP address", e);
        }
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - bitsKept)));
        }
        return masked;
    }
}
