package io.microflask.samples.notes;

import io.microflask.App;
import io.microflask.Settings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MICROFLASK_TRUSTED_PROXIES, as the notes app reads it when it runs behind nginx. */
class TrustedProxiesVariableTest {

    @Test
    void commaSeparatedAddressesAndRangesAreTrusted() throws UnknownHostException {
        Settings settings = new App().settings();
        NotesApp.trustProxies(settings, " 127.0.0.1 , 10.0.0.0/8,");
        assertTrue(settings.isTrustedProxy(InetAddress.getByName("127.0.0.1")));
        assertTrue(settings.isTrustedProxy(InetAddress.getByName("10.20.30.40")));
        assertFalse(settings.isTrustedProxy(InetAddress.getByName("192.168.1.1")));
        assertEquals(2, settings.trustedProxyRanges().size(), settings.trustedProxyRanges().toString());
    }

    @Test
    void unsetOrBlankTrustsNoProxy() throws UnknownHostException {
        Settings unset = new App().settings();
        NotesApp.trustProxies(unset, null);
        assertFalse(unset.trustsProxies());
        Settings blank = new App().settings();
        NotesApp.trustProxies(blank, "  ");
        assertFalse(blank.isTrustedProxy(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void aHostNameIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotesApp.trustProxies(new App().settings(), "127.0.0.1,proxy.internal"));
        assertTrue(e.getMessage().startsWith("MICROFLASK_TRUSTED_PROXIES=\"127.0.0.1,proxy.internal\": 'proxy.internal'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("host names are not looked up"), e.getMessage());
    }
}
