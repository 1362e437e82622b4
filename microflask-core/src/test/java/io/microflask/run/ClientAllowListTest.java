package io.microflask.run;

import io.microflask.util.ClientAllowList;
import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ClientAllowListTest {

    public static class Hello {
        @Route("/")
        public String index() {
            return "hello";
        }
    }

    private static App app() {
        return App.withoutExtensionDiscovery().register(new Hello());
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void rangesMatchByPrefix() throws Exception {
        ClientAllowList list = ClientAllowList.of("192.168.1.0/24", "10.1.2.3", "fc00::/7");
        assertTrue(list.allows(ip("192.168.1.200")));
        assertFalse(list.allows(ip("192.168.2.1")));
        assertTrue(list.allows(ip("10.1.2.3")));
        assertFalse(list.allows(ip("10.1.2.4")));
        assertTrue(list.allows(ip("fd12:3456::1")));
        assertFalse(list.allows(ip("2001:db8::1")));
        assertTrue(list.allows(ip("::ffff:192.168.1.7")), "IPv4-mapped IPv6 counts as IPv4");
        assertTrue(ClientAllowList.of("0.0.0.0/0").allows(ip("203.0.113.9")));
    }

    @Test
    void localNetworksAreLoopbackAndPrivateRangesOnly() throws Exception {
        ClientAllowList local = ClientAllowList.localNetworks();
        for (String allowed : List.of("127.0.0.1", "::1", "10.0.0.8", "172.20.1.1", "192.168.0.10", "169.254.1.1")) {
            assertTrue(local.allows(ip(allowed)), allowed);
        }
        for (String refused : List.of("8.8.8.8", "172.32.0.1", "203.0.113.9", "2001:db8::1")) {
            assertFalse(local.allows(ip(refused)), refused);
        }
    }

    @Test
    void badRangesSayWhatIsWrong() {
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> ClientAllowList.of("example.com/24"));
        assertTrue(host.getMessage().contains("'example.com/24' is not an IP address or CIDR range"), host.getMessage());
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> ClientAllowList.of("10.0.0.0/33"));
        assertTrue(prefix.getMessage().contains("'10.0.0.0/33' has an invalid prefix length '33'; it must be 0-32"),
                prefix.getMessage());
        assertThrows(IllegalArgumentException.class, ClientAllowList::of);
    }

    @Test
    void aClientOutsideTheListGets403AndItsConnectionClosed() {
        App app = app();
        app.settings().allowClients("10.0.0.0/8");
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            given().baseUri(server.url()).when().get("/").then()
                    .statusCode(403)
                    .header("Connection", "close")
                    .body(containsString("your address is not one of them"));
        }
    }

    @Test
    void aClientInTheListIsServed() {
        App app = app();
        app.settings().allowClients(ClientAllowList.localNetworks());
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            for (int i = 0; i < 3; i++) {
                given().baseUri(server.url()).when().get("/").then().statusCode(200).body(equalTo("hello"));
            }
        }
    }

    @Test
    void onAllInterfacesTheSameServerServesLoopbackAndRefusesALanAddress() {
        List<LanAddresses.LanAddress> lan = LanAddresses.find();
        assumeFalse(lan.isEmpty(), "this machine has no LAN address");
        String lanAddress = lan.get(0).address();
        App app = app();
        app.settings().allowClients("127.0.0.0/8");
        try (RunningServer server = app.start("0.0.0.0", 0)) {
            given().baseUri("http://127.0.0.1:" + server.port()).when().get("/").then().statusCode(200);
            // A connection to this machine's LAN address comes from that address, outside 127.0.0.0/8.
            given().baseUri("http://" + lanAddress + ":" + server.port()).when().get("/").then().statusCode(403);
        }
    }

    @Test
    void settingsHaveNoListByDefault() {
        assertEquals(java.util.Optional.empty(), app().settings().clientAllowList());
    }
}
