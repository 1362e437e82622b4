package io.microflask.run;

import io.microflask.App;
import io.microflask.Settings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MICROFLASK_* variables that configure settings, as an app reads them when it is created. */
class EnvironmentTest {

    @Test
    void commaSeparatedAddressesAndRangesAreTrusted() throws UnknownHostException {
        Settings settings = new Settings();
        Environment.of(Map.of("MICROFLASK_TRUSTED_PROXIES", " 127.0.0.1 , 10.0.0.0/8,")).applyTo(settings);
        assertTrue(settings.isTrustedProxy(InetAddress.getByName("127.0.0.1")));
        assertTrue(settings.isTrustedProxy(InetAddress.getByName("10.20.30.40")));
        assertFalse(settings.isTrustedProxy(InetAddress.getByName("192.168.1.1")));
        assertEquals(2, settings.trustedProxyRanges().size(), settings.trustedProxyRanges().toString());
    }

    @Test
    void unsetOrBlankTrustsNoProxy() throws UnknownHostException {
        Settings unset = new Settings();
        Environment.of(Map.of()).applyTo(unset);
        assertFalse(unset.trustsProxies());
        Settings blank = new Settings();
        Environment.of(Map.of("MICROFLASK_TRUSTED_PROXIES", "  ")).applyTo(blank);
        assertFalse(blank.isTrustedProxy(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void aHostNameIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environment
                .of(Map.of("MICROFLASK_TRUSTED_PROXIES", "127.0.0.1,proxy.internal")).applyTo(new Settings()));
        assertTrue(e.getMessage().startsWith("MICROFLASK_TRUSTED_PROXIES=\"127.0.0.1,proxy.internal\": 'proxy.internal'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("host names are not looked up"), e.getMessage());
    }

    @Test
    void commaSeparatedTrustedHostsAreReadAndABadOneNamesTheVariable() {
        Settings settings = new Settings();
        Environment.of(Map.of("MICROFLASK_TRUSTED_HOSTS", " Example.com , .example.org:8443,")).applyTo(settings);
        assertEquals(java.util.List.of("example.com", ".example.org:8443"), settings.trustedHosts());
        assertTrue(settings.isTrustedHost("example.com:5000"));
        assertTrue(settings.isTrustedHost("www.example.org:8443"));
        assertFalse(settings.isTrustedHost("evil.example"));

        Settings unset = new Settings();
        Environment.of(Map.of("MICROFLASK_TRUSTED_HOSTS", " ")).applyTo(unset);
        assertTrue(unset.trustedHosts().isEmpty());
        assertTrue(unset.isTrustedHost("anything.example"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Environment
                .of(Map.of("MICROFLASK_TRUSTED_HOSTS", "example.com,https://example.org")).applyTo(new Settings()));
        assertTrue(e.getMessage().startsWith("MICROFLASK_TRUSTED_HOSTS=\"example.com,https://example.org\": "
                + "'https://example.org' is not a host entry"), e.getMessage());
        assertTrue(e.getMessage().contains("MICROFLASK_TRUSTED_HOSTS=example.com,.example.org"), e.getMessage());
    }

    @Test
    void theSecretKeyComesFromTheEnvironmentAndCodeSettingItAfterwardsWins() {
        Settings settings = new Settings();
        Environment.of(Map.of("MICROFLASK_SECRET_KEY", "from-the-environment-0123456789")).applyTo(settings);
        assertEquals("from-the-environment-0123456789", settings.secretKey());
        settings.secretKey("from-the-code-0123456789abcdef");
        assertEquals("from-the-code-0123456789abcdef", settings.secretKey());

        Settings none = new Settings();
        Environment.of(Map.of("MICROFLASK_SECRET_KEY", "")).applyTo(none);
        assertNull(none.secretKey());
    }

    @Test
    void aNewAppReadsTheProcessEnvironment() {
        // Whatever this process's environment holds, the app's settings say the same.
        String key = System.getenv("MICROFLASK_SECRET_KEY");
        assertEquals(key == null || key.isEmpty() ? null : key, new App().settings().secretKey());
    }
}
