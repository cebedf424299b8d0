package dev.webconsole.server;

import static dev.webconsole.server.testing.Events.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.testing.WsClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https and wss from a self-signed PKCS12 keystore made for this test run; none is kept in the repo. */
class TlsTest {
    private static final String PASSWORD = "test-keystore-password";

    @TempDir
    Path dir;

    @Test
    void servesThePageOverHttpsAndEventsOverWss() throws Exception {
        Path keystore = generateKeystore(dir.resolve("hub.p12"));
        ConsoleHub hub = new ConsoleHub(HubConfig.builder().port(0)
                .keystore(keystore).keystorePassword(PASSWORD).keystoreType("PKCS12").build());
        hub.start();
        WebSocketClient client = null;
        try {
            assertTrue(hub.url().toString().startsWith("https://127.0.0.1:"), hub.url().toString());

            HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(hub.url()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html"));

            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setTrustStorePath(keystore.toString());
            ssl.setTrustStorePassword(PASSWORD);
            ssl.setTrustStoreType("PKCS12");
            ClientConnector connector = new ClientConnector();
            connector.setSslContextFactory(ssl);
            client = new WebSocketClient(new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP(connector)));
            client.start();
            WsClient tab = WsClient.connect(client, URI.create("wss://127.0.0.1:" + hub.port() + "/ws"));
            tab.next("hello");
            hub.publish(info("secure", "over wss"));
            assertEquals("over wss", tab.events(1).get(0).path("message").asText());
        } finally {
            if (client != null) {
                client.stop();
            }
            hub.stop();
        }
    }

    @Test
    void anUnreadableKeystoreIsNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HubConfig.builder().keystore(dir.resolve("missing.p12")).build());
        assertTrue(e.getMessage().startsWith("keystore=\"" + dir.resolve("missing.p12") + "\" cannot be read"), e.getMessage());
    }

    private static Path generateKeystore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "hub",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes());
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.size(file) > 0);
        return file;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
