package dev.webconsole.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webconsole.server.testing.HubFixture;
import dev.webconsole.server.testing.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The standalone hub as a real process: {@code java dev.webconsole.server.HubMain ...}. */
class HubMainTest {
    @RegisterExtension
    final HubFixture hubs = new HubFixture();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static ProcessBuilder hubCommand(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.java(), "-cp", System.getProperty("java.class.path"), HubMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("WEBCONSOLE_"));
        builder.environment().putAll(env);
        return builder;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    /** Runs the hub with that command, which must end with {@code exitCode}; its standard error. */
    private String failure(ProcessBuilder command, int exitCode) throws Exception {
        Process p = start(command);
        String err = all(p.getErrorStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(exitCode, p.exitValue(), err);
        return err;
    }

    private static String all(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionWithItsVariableAndDefault() throws Exception {
        Process p = start(hubCommand(Map.of(), "--help"));
        String out = all(p.getInputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        for (String option : List.of("--host", "--port", "--token", "--publisher-token", "--keystore", "--history",
                "--max-tabs", "--max-source-events-per-second", "--control")) {
            assertTrue(out.contains(option), option + " in " + out);
        }
        assertTrue(out.contains("(default 7171; env WEBCONSOLE_PORT)"), out);
        List<Integer> descriptionColumns = out.lines().filter(l -> l.startsWith("  --"))
                .map(l -> l.length() - l.replaceFirst("^  --\\S+( VALUE)?\\s+", "").length()).distinct().toList();
        assertEquals(1, descriptionColumns.size(), "every description starts in one column: " + out);
    }

    @Test
    void aBadFlagIsNamedAndTheExitCodeIsNotZero() throws Exception {
        String err = failure(hubCommand(Map.of(), "--prot", "7171"), 2);
        assertTrue(err.contains("unknown option --prot; see --help"), err);

        String err2 = failure(hubCommand(Map.of("WEBCONSOLE_HISTORY", "lots")), 2);
        assertTrue(err2.contains("environment variable WEBCONSOLE_HISTORY: \"lots\" is not a whole number"), err2);
    }

    @Test
    void aTakenPortIsNamedAndTheExitCodeIsOne() throws Exception {
        ConsoleHub taken = hubs.startHub();
        String err = failure(hubCommand(Map.of(), "--port", String.valueOf(taken.port())), 1);
        assertTrue(err.contains("port " + taken.port() + " on 127.0.0.1 is already in use"), err);
        assertTrue(err.contains("set --port 0 to pick a free one"), err);
    }

    /** The settings' own checks speak of flags on the command line, not of the appender's attributes. */
    @Test
    void aRefusedSettingIsNamedAsItsFlag() throws Exception {
        String err = failure(hubCommand(Map.of(), "--token", "x"), 2);
        assertTrue(err.contains("--token is too short (1 characters): use at least 12, or --token auto"), err);

        String same = "the-same-token-for-both";
        String err2 = failure(hubCommand(Map.of(), "--token", same, "--publisher-token", same), 2);
        assertTrue(err2.contains("--publisher-token is the same as --token"), err2);
        assertFalse(err.contains("=\"") || err2.contains("publisherToken"), err + err2);
    }

    @Test
    void itPrintsItsAddressAndServesTabsWithSettingsFromTheEnvironment() throws Exception {
        Process p = start(hubCommand(Map.of("WEBCONSOLE_TOKEN", "env-token-0123456789"), "--port", "0"));
        URI url = printedUrl(p);
        assertTrue(url.getQuery().contains("token=env-token-0123456789"), url.toString());
        WsClient tab = hubs.track(WsClient.connect(hubs.client(),
                URI.create("ws://127.0.0.1:" + url.getPort() + "/ws?token=env-token-0123456789")));
        assertEquals(1, tab.next("hello").path("version").asInt());
    }

    @Test
    void controlIsOffWithControlFalseAndBeyondLoopbackNeedsATokenOrTls() throws Exception {
        Process off = start(hubCommand(Map.of(), "--port", "0", "--control", "false"));
        URI url = printedUrl(off);
        WsClient tab = hubs.track(WsClient.connect(hubs.client(), URI.create("ws://127.0.0.1:" + url.getPort() + "/ws")));
        JsonNode hello = tab.next("hello");
        assertFalse(hello.path("control").asBoolean(), hello::toString);
        assertFalse(hello.path("levelControl").asBoolean(), "a hub alone has no application of its own to boost");
        tab.send("{\"type\":\"thread-dump\",\"source\":\"orders\"}");
        assertTrue(tab.next("error").path("message").asText().startsWith("thread-dump refused: control is off on this hub"));

        // Checked before anything is bound: the address is never listened on.
        String err = failure(hubCommand(Map.of(), "--host", "0.0.0.0", "--insecure", "true", "--control", "true"), 2);
        assertTrue(err.contains("--control true on --host 0.0.0.0 would let anyone who reaches the port change what"
                + " the application logs"), err);
    }

    /** Reads standard output until the hub says where it is. */
    static URI printedUrl(Process p) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern open = Pattern.compile("WebConsole hub: open (\\S+)");
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = open.matcher(line);
            if (m.find()) {
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("the hub ended without printing its address; exit " + p.waitFor());
    }

    /** The java command of the JVM running the tests. */
    static final class Path {
        static String java() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
