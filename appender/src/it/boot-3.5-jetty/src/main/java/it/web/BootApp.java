package it.web;

import dev.webconsole.it.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web application with the log4j2 starter and log4j2-spring.xml. Arguments: the
 * row's name, the other appender's file, its threshold, and the logger prefix of the server's own
 * events that must reach the console.
 */
@SpringBootApplication
@RestController
public class BootApp {
    @GetMapping("/hello")
    String hello() {
        return "hello";
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.begin(args[0]);
        ConfigurableApplicationContext context = SpringApplication.run(BootApp.class,
                "--server.port=0", "--server.address=127.0.0.1");
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        scenario.check("the application serves HTTP", response.statusCode() == 200 && response.body().equals("hello"),
                response.statusCode() + " " + response.body());
        org.slf4j.LoggerFactory.getLogger("it.app.Http").info("served /hello: {}", response.statusCode());
        scenario.expect("it.app.Http", "INFO", "served /hello: 200");
        scenario.connect();
        scenario.logThroughLog4jApi();
        scenario.awaitConsole();
        scenario.checkConsoleHasLogger("org.springframework.boot");
        scenario.checkConsoleHasLogger(args[3]);
        scenario.checkConsoleHasNothingOfTheHub();
        int exit = SpringApplication.exit(context);
        scenario.checkOtherAppender(Path.of(args[1]), args[2], false);
        scenario.checkNoSlf4jWarning();
        System.exit(exit + scenario.finish());
    }
}
