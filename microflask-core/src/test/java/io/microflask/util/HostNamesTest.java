package io.microflask.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host syntax and host lists: the leaf helpers behind trusted and debug hosts. */
class HostNamesTest {

    @Test
    void hostAndPortAreSplitAndNormalised() {
        assertEquals(new HostNames.HostAndPort("example.com", -1), HostNames.parse("Example.COM"));
        assertEquals(new HostNames.HostAndPort("example.com", 8080), HostNames.parse("example.com:8080"));
        assertEquals(new HostNames.HostAndPort("[::1]", 5000), HostNames.parse("[::1]:5000"));
        assertEquals(new HostNames.HostAndPort("[2001:db8::a]", -1), HostNames.parse("[2001:DB8::A]"));
        assertEquals(new HostNames.HostAndPort("192.0.2.7", 0), HostNames.parse("192.0.2.7:0"));
        assertEquals("[::1]:5000", HostNames.parse("[::1]:5000").toString());
    }

    @Test
    void anythingButHostAndPortIsRefused() {
        for (String bad : new String[] {null, "", " ", "a b", "a@b", "a/b", "a\\b", "a?b", "a#b", "a%41", "a;b", "a,b",
                "<x>", "a:b:c", "::1", "[::1", "[::1]:", "[::1]x", "[ ::1]", "[::1%eth0]", "[v1.x]", "[1.2.3.4]",
                "[example.com]", "a:", "a:-1", "a:65536", "a:123456", "a: 80", "é.example", "a\u0000", "x".repeat(256)}) {
            assertNull(HostNames.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void onlyTheThreeLoopbackNamesAreLoopbackNames() {
        for (String name : new String[] {"localhost", "LOCALHOST:5000", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:80",
                "[0:0:0:0:0:0:0:1]"}) {
            assertEquals(!name.startsWith("[0:"), HostNames.isLoopbackName(name), name);
        }
        for (String name : new String[] {"localhost.evil.example", "evil.localhost", "127.0.0.2", "localhost/",
                "0.0.0.0", "[::]"}) {
            assertFalse(HostNames.isLoopbackName(name), name);
        }
    }

    @Test
    void hostListsMatchExactNamesSubdomainsAndPorts() {
        HostAllowList list = HostAllowList.of("example.com", ".example.org", "api.example.net:8443", "[2001:db8::1]");
        for (String host : new String[] {"example.com", "EXAMPLE.com:80", "example.org", "a.b.example.org",
                "api.example.net:8443", "[2001:db8::1]:443"}) {
            assertTrue(list.matches(host), host);
        }
        for (String host : new String[] {"www.example.com", "notexample.org", "example.org.evil", "api.example.net",
                "api.example.net:443", "[2001:db8::2]", "example.com/", null}) {
            assertFalse(list.matches(host), String.valueOf(host));
        }
        assertFalse(HostAllowList.empty().matches("example.com"));
        assertTrue(HostAllowList.of().isEmpty());
    }
}
