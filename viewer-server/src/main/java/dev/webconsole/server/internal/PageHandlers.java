package dev.webconsole.server.internal;

import java.util.function.Supplier;
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
        return new Handler.Sequence(new StatsHandler(statsJson), files);
    }

    /** Adds the hardening headers to every response, whatever produced it. */
    static Handler withHeaders(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                var headers = response.getHeaders();
                headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.put("X-Content-Type-Options", "nosniff");
                headers.put("Referrer-Policy", "no-referrer");
                headers.put("X-Frame-Options", "DENY");
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                return super.handle(request, response, callback);
            }
        };
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
