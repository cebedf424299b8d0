package dev.webconsole.server.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** The plain HTTP side of the hub: the console's static files and {@code /stats}. */
final class PageHandlers {
    /** Where viewer-web puts the console's files on the classpath. */
    static final String WEB_ROOT = "dev/webconsole/web/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private PageHandlers() {}

    /** The static files and {@code /stats}; anything else is left for a 404. */
    static Handler create(Server server, Supplier<String> statsJson) {
        Resource root = ResourceFactory.of(server).newClassLoaderResource(WEB_ROOT);
        if (root == null) {
            throw new IllegalStateException("the console page is missing from the classpath ("
                    + WEB_ROOT + "); add webconsole-viewer-web");
        }
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(root);
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        files.setCacheControl("no-store");
        files.setEtags(true);
        return new Handler.Sequence(new StatsHandler(statsJson), new KnownFiles(pagePaths(root), files));
    }

    /**
     * The request paths of the page's files, as found in the web root at start, and {@code /}.
     * Only these are served, spelled exactly so: no parameters ({@code ;x}), no encodings, no folders.
     */
    static Set<String> pagePaths(Resource root) {
        Set<String> paths = new HashSet<>();
        paths.add("/");
        addFiles(root, "/", paths);
        return Set.copyOf(paths);
    }

    private static void addFiles(Resource folder, String prefix, Set<String> paths) {
        for (Resource child : folder.list()) {
            String name = child.getFileName();
            if (child.isDirectory()) {
                addFiles(child, prefix + name + "/", paths);
            } else {
                paths.add(prefix + name);
            }
        }
    }

    /** Puts the hardening headers on a response's fields; every response carries them, errors included. */
    static void addHardeningHeaders(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /** Adds the hardening headers to every response, whatever produced it. */
    static Handler withHeaders(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                addHardeningHeaders(response.getHeaders());
                return super.handle(request, response, callback);
            }
        };
    }

    /** Hands a request to the files only when its raw path is exactly one of the page's; the rest get 404. */
    private static final class KnownFiles extends Handler.Wrapper {
        private final Set<String> paths;

        KnownFiles(Set<String> paths, Handler files) {
            super(files);
            this.paths = paths;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HttpURI uri = request.getHttpURI();
            if (uri.getParam() != null || !paths.contains(uri.getPath())) {
                return false;
            }
            return super.handle(request, response, callback);
        }
    }

    private static final class StatsHandler extends Handler.Abstract.NonBlocking {
        private final Supplier<String> statsJson;

        StatsHandler(Supplier<String> statsJson) {
            this.statsJson = statsJson;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/stats".equals(Request.getPathInContext(request))) {
                return false;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, statsJson.get(), callback);
            return true;
        }
    }
}
