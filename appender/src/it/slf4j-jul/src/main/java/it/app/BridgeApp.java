package it.app;

import dev.webconsole.it.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;

/** Logs through SLF4J (with MDC) and through java.util.logging at every JUL level. */
public final class BridgeApp {
    private BridgeApp() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = Scenario.begin(args[0]);
        org.slf4j.Logger slf4j = org.slf4j.LoggerFactory.getLogger("it.app.Slf4j");
        org.slf4j.MDC.put("user", "ann");
        slf4j.info("signed in as {}", "ann");
        scenario.expect("it.app.Slf4j", "INFO", "signed in as ann").context("user", "ann");
        org.slf4j.MDC.clear();
        slf4j.debug("token refreshed");
        scenario.expect("it.app.Slf4j", "DEBUG", "token refreshed");
        slf4j.error("sign-in failed", new IllegalStateException("locked", new IOException("ldap down")));
        scenario.expect("it.app.Slf4j", "ERROR", "sign-in failed")
                .stack("java.lang.IllegalStateException: locked").stack("Caused by: java.io.IOException: ldap down");
        scenario.connect();

        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("it.app.Jul");
        // JUL's levels as log4j-jul maps them: FINEST and CONFIG become Log4j levels of those names.
        String[][] levels = {{"FINEST", "FINEST"}, {"FINER", "TRACE"}, {"FINE", "DEBUG"}, {"CONFIG", "CONFIG"},
                {"INFO", "INFO"}, {"WARNING", "WARN"}};
        for (String[] level : levels) {
            jul.log(Level.parse(level[0]), "jul at " + level[0]);
            scenario.expect("it.app.Jul", level[1], "jul at " + level[0]);
        }
        jul.log(Level.SEVERE, "jul failure", new IllegalArgumentException("bad input"));
        scenario.expect("it.app.Jul", "ERROR", "jul failure").stack("java.lang.IllegalArgumentException: bad input");

        scenario.awaitConsole();
        scenario.checkConsoleHasNothingOfTheHub();
        org.apache.logging.log4j.LogManager.shutdown();
        scenario.checkOtherAppender(Path.of(args[1]), args[2], true);
        // The application's SLF4J says this once because of -Dslf4j.provider; the hub's SLF4J ignores it.
        scenario.checkSlf4jSaidOnly("SLF4J(I): Attempting to load provider \"org.apache.logging.slf4j.SLF4JServiceProvider\""
                + " specified via \"slf4j.provider\" system property");
        System.exit(scenario.finish());
    }
}
