package it.app;

import dev.webconsole.it.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/** Serves HTTP on its own Jetty 9.4 next to the hub's. */
public final class JettyApp {
    private JettyApp() {}

    static Server start() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                response.setStatus(200);
                response.getWriter().print("hello");
                base.setHandled(true);
            }
        });
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.begin(args[0]);
        Server server = start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        scenario.check("the application's own Jetty serves HTTP", response.statusCode() == 200 && response.body().equals("hello"),
                response.statusCode() + " " + response.body());
        org.slf4j.LoggerFactory.getLogger("it.app.Http").info("served /hello: {}", response.statusCode());
        scenario.expect("it.app.Http", "INFO", "served /hello: 200");
        scenario.connect();
        scenario.logThroughLog4jApi();
        scenario.awaitConsole();
        scenario.checkConsoleHasLogger("org.eclipse.jetty.server");
        scenario.checkConsoleHasNothingOfTheHub();
        server.stop();
        org.apache.logging.log4j.LogManager.shutdown();
        scenario.checkOtherAppender(Path.of(args[1]), args[2], false);
        scenario.checkNoSlf4jWarning();
        System.exit(scenario.finish());
    }
}
