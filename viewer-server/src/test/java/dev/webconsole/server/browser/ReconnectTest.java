package dev.webconsole.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectTest extends BrowserTestBase {

    @Test
    void aReconnectAfterAServerRestartShowsEveryEventOnce() {
        ConsoleHub first = startHub();
        int port = first.port();
        open(browser, first, "");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            first.publish(event("INFO", Severity.INFO, "app", "before restart " + i));
            expected.add("before restart " + i);
        }
        awaitRows(browser, range(1, 5));

        first.stop();
        browser.await("the page to notice", d -> "reconnecting".equals(state(browser, "connection")));
        assertEquals(1001L, ((Number) state(browser, "code")).longValue());

        ConsoleHub second = startHub(b -> b.port(port));
        for (int i = 1; i <= 3; i++) {
            second.publish(event("INFO", Severity.INFO, "app", "while away " + i)); // in the new hub's history
            expected.add("while away " + i);
        }
        awaitConnected(browser);
        for (int i = 1; i <= 2; i++) {
            second.publish(event("INFO", Severity.INFO, "app", "live again " + i));
            expected.add("live again " + i);
        }
        browser.await("every event once, in order (have " + renderedMessages(browser) + ")",
                d -> renderedMessages(browser).equals(expected));
    }
}
