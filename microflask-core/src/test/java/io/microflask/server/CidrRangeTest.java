package io.microflask.server;

import io.microflask.util.CidrRange;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrRangeTest {
    private static InetAddress ip(String text) {
        InetAddress address = CidrRange.parseLiteral(text);
        if (address == null) {
            throw new AssertionError(text + " should parse");
        }
        return address;
    }

    @Test
    void ipv4Ranges() {
        CidrRange range = CidrRange.parse("10.0.0.0/8");
        assertTrue(range.contains(ip("10.255.1.2")));
        assertFalse(range.contains(ip("11.0.0.1")));
        CidrRange odd = CidrRange.parse("192.168.1.128/25");
        assertTrue(odd.contains(ip("192.168.1.200")));
        assertFalse(odd.contains(ip("192.168.1.127")));
        assertTrue(CidrRange.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
        assertTrue(CidrRange.parse("127.0.0.1").contains(ip("127.0.0.1")));
        assertFalse(CidrRange.parse("127.0.0.1").contains(ip("127.0.0.2")));
    }

    @Test
    void ipv6RangesAndMappedIpv4() {
        CidrRange range = CidrRange.parse("fd00::/8");
        assertTrue(range.contains(ip("fd12:3456::1")));
        assertFalse(range.contains(ip("fe80::1")));
        assertFalse(range.contains(ip("10.0.0.1")), "families never match each other");
        assertTrue(CidrRange.parse("[::1]").contains(ip("::1")));
        assertTrue(CidrRange.parse("10.0.0.0/8").contains(ip("::ffff:10.1.2.3")),
                "a dual-stack socket reports IPv4 peers as mapped IPv6");
        assertEquals("2001:db8::/32", CidrRange.parse("2001:db8:ffff::/32").toString());
    }

    @Test
    void literalsOnlyNeverNames() {
        assertNull(CidrRange.parseLiteral("localhost"));
        assertNull(CidrRange.parseLiteral("256.1.1.1"));
        assertNull(CidrRange.parseLiteral("1.2.3"));
        assertNull(CidrRange.parseLiteral("fe80::1%eth0"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("::1/129"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("10.0.0.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(""));
    }

    @Test
    void forwardedNodes() {
        assertEquals(4711, ForwardedHeaders.parseNode("\"[2001:db8::1]:4711\"").getPort());
        assertEquals("192.0.2.1", ForwardedHeaders.parseNode("192.0.2.1:80").getAddress().getHostAddress());
        assertEquals(ip("2001:db8::1"), ForwardedHeaders.parseNode("2001:db8::1").getAddress());
        assertNull(ForwardedHeaders.parseNode("unknown"));
        assertNull(ForwardedHeaders.parseNode("_hidden"));
        assertNull(ForwardedHeaders.parseNode("192.0.2.1:99999"));
    }
}
