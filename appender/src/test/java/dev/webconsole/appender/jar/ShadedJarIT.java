package dev.webconsole.appender.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The published jar, as built: everything the hub needs is inside and relocated under
 * {@code dev/webconsole/}, nothing of Jetty, Jackson or SLF4J is left under its own name, and its
 * POM asks for nothing but Log4j.
 */
class ShadedJarIT {
    /** Internal names: the form class references, descriptors and relocated resource paths take. */
    private static final List<String> FOREIGN = List.of("org/eclipse/jetty/", "com/fasterxml/jackson/", "org/slf4j/");

    private static Path jar() {
        return Path.of(System.getProperty("webconsole.jar"));
    }

    @Test
    void everyEntryIsTheProjectsOwnOrMetadata() throws IOException {
        List<String> stray = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                boolean own = name.startsWith("dev/webconsole/") || name.equals("dev/");
                boolean metadata = name.startsWith("META-INF/") && !name.startsWith("META-INF/versions/");
                if (!own && !metadata) {
                    stray.add(name);
                }
            }
        }
        assertEquals(List.of(), stray, "entries outside dev/webconsole/ and META-INF/");
    }

    @Test
    void noClassOrServiceFileNamesAnUnrelocatedPackage() throws IOException {
        List<String> found = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                boolean isClass = name.endsWith(".class");
                classes += isClass ? 1 : 0;
                if (!isClass && !name.startsWith("META-INF/services/")) {
                    continue;
                }
                // Service files list binary names: compare them in the internal form.
                String text = isClass ? read(jar, entry) : read(jar, entry).replace('.', '/');
                for (String foreign : FOREIGN) {
                    if (text.contains(foreign) || name.replace('.', '/').contains(foreign)) {
                        found.add(name + " names " + foreign);
                    }
                }
            }
        }
        assertTrue(classes > 1000, "the hub's Jetty and Jackson are inside (" + classes + " classes)");
        assertEquals(List.of(), found);
    }

    @Test
    void everyServiceFileNamesRelocatedClassesThatAreInTheJar() throws IOException {
        int services = 0;
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("META-INF/services/") || entry.isDirectory()) {
                    continue;
                }
                services++;
                assertTrue(name.startsWith("META-INF/services/dev.webconsole."), name);
                for (String line : read(jar, entry).split("\n")) {
                    String impl = line.replaceAll("#.*", "").strip();
                    if (!impl.isEmpty()) {
                        assertTrue(jar.getEntry(impl.replace('.', '/') + ".class") != null, name + " names " + impl);
                    }
                }
            }
            String provider = read(jar, jar.getJarEntry("META-INF/services/dev.webconsole.shaded.slf4j.spi.SLF4JServiceProvider"));
            assertEquals("dev.webconsole.appender.internal.StatusLoggerSlf4jProvider", provider.strip(),
                    "the hub's SLF4J has exactly one provider: the status logger");
        }
        assertTrue(services >= 4, "Jetty's and Jackson's service files are kept (" + services + ")");
    }

    @Test
    void log4jFindsThePluginThroughItsDescriptor() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            JarEntry dat = jar.getJarEntry("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat");
            assertTrue(dat != null, "Log4j2Plugins.dat is in the jar");
            assertTrue(read(jar, dat).contains("dev.webconsole.appender.WebConsoleAppender"), "it names the appender");
            assertTrue(jar.getEntry("dev/webconsole/web/index.html") != null, "the page is inside");
        }
    }

    @Test
    void theBundledLibrariesLicencesAreKept() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertTrue(read(jar, jar.getJarEntry("META-INF/LICENSE")).contains("Apache License"), "Apache-2.0 (Jackson's, the project's)");
            assertTrue(read(jar, jar.getJarEntry("META-INF/LICENSE.txt")).contains("Permission is hereby granted"), "SLF4J's MIT licence");
            assertTrue(jar.getEntry("META-INF/NOTICE") != null, "Jackson's NOTICE");
        }
    }

    @Test
    void thePublishedPomDependsOnlyOnLog4jProvided() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of(System.getProperty("webconsole.pom")).toFile());
        List<String> used = new ArrayList<>();
        for (Node section = pom.getDocumentElement().getFirstChild(); section != null; section = section.getNextSibling()) {
            if (!"dependencies".equals(section.getNodeName())) {
                continue;
            }
            for (Node d = section.getFirstChild(); d != null; d = d.getNextSibling()) {
                if (d instanceof Element dependency) {
                    String scope = child(dependency, "scope", "compile");
                    if (!scope.equals("test")) {
                        used.add(child(dependency, "artifactId", "") + ":" + scope);
                    }
                }
            }
        }
        assertEquals(List.of("log4j-core:provided"), used, "the dependencies a user's build resolves");
    }

    private static String child(Element parent, String name, String otherwise) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (name.equals(n.getNodeName())) {
                return n.getTextContent().strip();
            }
        }
        return otherwise;
    }

    private static String read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
