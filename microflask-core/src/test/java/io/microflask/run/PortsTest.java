package io.microflask.run;

import io.microflask.ServerStartException;
import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortsTest {

    public static class Hello {
        @Route("/")
        public String index() {
            return "hello";
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, 70000, Integer.MIN_VALUE})
    void portsOutsideTheRangeAreRejectedBeforeAnythingBinds(int port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> App.withoutExtensionDiscovery().start("127.0.0.1", port).close());
        assertTrue(e.getMessage().contains("port " + port + " is outside the valid range 0-65535"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 5000, 65535})
    void portsInTheRangeAreValid(int port) {
        assertEquals(port, Ports.validate(port));
    }

    @Test
    void portZeroLetsTheSystemPickARealPort() {
        try (RunningServer server = App.withoutExtensionDiscovery().register(new Hello()).start("127.0.0.1", 0)) {
            assertTrue(server.port() > 0 && server.port() <= 65535);
            given().baseUri(server.url()).when().get("/").then().statusCode(200);
        }
    }

    @Test
    void aRefusedPrivilegedPortIsExplained() {
        RuntimeException e = BindFailures.explain("0.0.0.0", 80, new BindException("Permission denied"));
        PrivilegedPortException privileged = assertInstanceOf(PrivilegedPortException.class, e);
        assertEquals(80, privileged.port());
        String message = e.getMessage();
        assertTrue(message.contains("0.0.0.0:80"), message);
        assertTrue(message.contains("Ports below 1024"), message);
        assertTrue(message.contains("1024 or above"), message);
        assertTrue(message.contains("CAP_NET_BIND_SERVICE") && message.contains("setcap"), message);
    }

    @Test
    void bindingAPrivilegedPortWithoutTheRightIsExplained() throws Exception {
        // Only meaningful where this process may not bind port 80: not as root, not where the
        // kernel lets everyone (net.ipv4.ip_unprivileged_port_start <= 80).
        java.nio.file.Path start = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(start)
                && Integer.parseInt(java.nio.file.Files.readString(start).trim()) > 80
                && !"root".equals(System.getProperty("user.name")), "this process may bind port 80");
        PrivilegedPortException e = assertThrows(PrivilegedPortException.class,
                () -> App.withoutExtensionDiscovery().start("127.0.0.1", 80).close());
        assertTrue(e.getMessage().contains("127.0.0.1:80") && e.getMessage().contains("1024 or above"),
                e.getMessage());
    }

    @Test
    void aRefusedHighPortIsNotBlamedOnPrivileges() {
        RuntimeException e = BindFailures.explain("127.0.0.1", 8080,
                new java.io.IOException("bind(..) failed: Permission denied"));
        assertInstanceOf(ServerStartException.class, e);
        assertFalse(e instanceof PrivilegedPortException);
        assertTrue(e.getMessage().contains("127.0.0.1:8080"), e.getMessage());
    }

    @Test
    void anAddressThatIsNotOnThisMachineIsExplained() {
        // 203.0.113.0/24 is reserved for documentation: no machine has it.
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> App.withoutExtensionDiscovery().start("203.0.113.7", 0).close());
        assertTrue(e.getMessage().contains("203.0.113.7 is not an address of this machine"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("0.0.0.0"), e.getMessage());
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IllegalStateException original = new IllegalStateException("not a bind problem");
        assertEquals(original, BindFailures.explain("127.0.0.1", 5000, original));
    }

    @Test
    void isFreeTellsAHeldPortFromAFreeOne() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertFalse(Ports.isFree("127.0.0.1", held.getLocalPort()));
            int free = Ports.nearestFree("127.0.0.1", held.getLocalPort()).orElseThrow();
            assertTrue(Ports.isFree("127.0.0.1", free));
        }
    }
}
