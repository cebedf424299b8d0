package dev.webconsole.appender.clash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unshaded hub next to an application's own Jetty 11, as Maven resolves it (Jetty 11's core
 * jars win, the hub's Jetty 12 WebSocket jars stay): the hub cannot start, the status logger says
 * in one sentence what clashed and what to do, and the application logs to its other appenders.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinkageClashTest {
    private static final List<String> JETTY_CORE = List.of("jetty-server", "jetty-http", "jetty-io", "jetty-util");

    @TempDir
    Path dir;

    @Test
    void aJettyVersionClashIsReportedInOneSentenceAndTheOtherAppendersKeepLogging() throws Exception {
        Path other = dir.resolve("other.log");
        Path config = dir.resolve("log4j2.xml");
        Files.writeString(config, """
                <Configuration status="warn">
                  <Appenders>
                    <WebConsole name="web" port="0"/>
                    <File name="file" fileName="%s"><PatternLayout pattern="%%p %%c %%m%%n"/></File>
                  </Appenders>
                  <Loggers>
                    <Root level="info"><AppenderRef ref="web"/><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(other));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpathWithJetty11(), ClashApp.class.getName(), config.toString(), other.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(app.waitFor(100, TimeUnit.SECONDS), "the application finished");
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        String out = Files.readString(stdout, StandardCharsets.UTF_8);

        assertEquals(0, app.exitValue(), () -> "exit code; stderr: " + err);
        assertTrue(out.contains("other appender: INFO app still logging"), () -> "stdout: " + out + "\nstderr: " + err);
        List<String> sentences = err.lines().filter(l -> l.contains("the hub cannot start")).toList();
        assertEquals(1, sentences.size(), () -> "one status message about the clash; stderr: " + err);
        String sentence = sentences.get(0);
        assertTrue(sentence.contains("NoClassDefFoundError org.eclipse.jetty."), sentence);
        assertTrue(sentence.contains("jetty-server-11"), () -> "names the jar the clashing Jetty comes from: " + sentence);
        assertTrue(sentence.contains("depend on dev.webconsole:webconsole-appender alone"), sentence);
    }

    /** This test's classpath, with Jetty 12's core jars swapped for Jetty 11's (target/jetty-11). */
    private static String classpathWithJetty11() throws Exception {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("surefire.test.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (JETTY_CORE.stream().noneMatch(jar -> file.startsWith(jar + "-12."))) {
                entries.add(entry);
            }
        }
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("webconsole.jetty11")))) {
            jars.map(Path::toString).sorted().forEach(entries::add);
        }
        assertTrue(entries.stream().anyMatch(e -> e.contains("jetty-server-11")), "Jetty 11 is on the classpath");
        return String.join(File.pathSeparator, entries);
    }
}
