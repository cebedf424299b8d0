package dev.webconsole.appender.internal;

import java.security.CodeSource;

/**
 * Puts a {@link LinkageError} from starting the hub into one sentence a user can act on: which
 * class clashed, which jar the clashing version came from, and what to depend on instead. It
 * happens when the hub's classes run against another version of Jetty or Jackson (the unshaded
 * modules next to an application's own Jetty); the self-contained jar carries its own copies.
 */
final class LinkageClash {
    private LinkageClash() {}

    static String describe(LinkageError e) {
        String what = e.getMessage() == null ? e.getClass().getName() : e.getMessage().replace('/', '.');
        String from = origin(what);
        return "WebConsole: the hub cannot start because " + e.getClass().getSimpleName() + " " + what
                + (from == null ? "" : " (the version loaded comes from " + from + ")")
                + " clashes with the version it was built for; depend on dev.webconsole:webconsole-appender alone,"
                + " which carries its own Jetty and Jackson, and remove webconsole-viewer-server and any Jetty or"
                + " Jackson added for it";
    }

    /** The jar of the nearest enclosing class that does load, such as jetty-server-11.0.25.jar. */
    private static String origin(String className) {
        String name = className.strip().replaceAll("^'.* ", "").replaceAll("[.][^.]*\\(.*$", "");
        while (!name.isEmpty()) {
            try {
                Class<?> found = Class.forName(name, false, LinkageClash.class.getClassLoader());
                CodeSource source = found.getProtectionDomain().getCodeSource();
                return source == null || source.getLocation() == null ? null : source.getLocation().toString();
            } catch (ClassNotFoundException | LinkageError notThisOne) {
                int cut = Math.max(name.lastIndexOf('$'), name.lastIndexOf('.'));
                name = cut < 0 ? "" : name.substring(0, cut);
            }
        }
        return null;
    }
}
