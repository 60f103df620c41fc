package se.vaxel.calendar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.Fetch;
import se.vaxel.calendar.SourceSettings;

/**
 * https: a server whose certificate the JVM does not trust is that person's FAILED read with
 * a message about the certificate, never a silent fallback to trusting it.
 */
class HttpsFeedTest {
  @TempDir Path tmp;

  @Test
  void anUntrustedCertificateFailsTheReadAndSaysSo() throws Exception {
    Path keystore = tmp.resolve("server.p12");
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "cal", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes());
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);

    HttpsServer server = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    int[] served = {0};
    server.createContext("/", ex -> {
      served[0]++;
      TestServer.send(ex, 200, "text/calendar", FeedSourceTest.ICS);
      ex.close();
    });
    server.start();
    try (HttpCalendarSource s = CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.ICAL_FEED,
        "https://127.0.0.1:" + server.getAddress().getPort() + "/{id}.ics", null,
        Duration.ofSeconds(10)), tmp.resolve("state"))) {
      Fetch f = s.fetchAll(List.of(new CalendarOwner("anna.berg", null, null, null))).get(0);
      assertEquals(Fetch.Status.FAILED, f.status());
      assertTrue(f.problem().startsWith("anna.berg: https://127.0.0.1:"
          + server.getAddress().getPort() + "/anna.berg.ics: the TLS connection failed ("),
          f.problem());
      assertTrue(f.problem().endsWith("); check the server's certificate"), f.problem());
      assertEquals(0, served[0]);
    } finally {
      server.stop(0);
    }
  }
}
