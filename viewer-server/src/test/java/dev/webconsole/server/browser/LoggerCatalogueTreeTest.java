package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree shows every logger the hub has seen, not only those the tab's filter lets through. */
class LoggerCatalogueTreeTest extends BrowserTestBase {
    private static final String TREE_NODE = "const n = document.querySelector(`#logger-tree .tree-node[data-logger=\"${arguments[0]}\"]`);"
            + "return n === null ? 'absent' : n.classList.contains('dimmed') ? 'dimmed' : 'shown';";

    @Test
    void aTabFilteredToOneLoggerShowsItsSiblingsInTheTreeDimmed() {
        ConsoleHub hub = startHub();
        hub.publish(event("INFO", Severity.INFO, "com.acme.shop.db", "query"));
        hub.publish(event("WARN", Severity.WARN, "com.acme.shop.web", "slow page"));
        hub.publish(event("ERROR", Severity.ERROR, "com.acme.pay", "declined"));
        hub.publish(event("INFO", Severity.INFO, "com.acme.shop.db", "query again"));
        open(browser, hub, "?logger=com.acme.shop.db");
        awaitRows(browser, seqs(1, 4));

        awaitNode("com.acme.shop.web", "dimmed");
        awaitNode("com.acme.pay", "dimmed");
        assertEquals("shown", node("com.acme.shop.db"));
        assertEquals("shown", node("com.acme.shop"), "a branch with the included logger under it");

        // A logger first seen after the tab opened comes with the catalogue's next refresh.
        hub.publish(event("DEBUG", Severity.DEBUG, "com.acme.mail", "sent"));
        awaitNode("com.acme.mail", "dimmed");
        assertEquals(List.of(1L, 4L), rows(browser), "the catalogue adds tree nodes, not rows");
        assertFalse(byId(browser, "server-error").isDisplayed(), "the hub took the page's loggers request");
    }

    private static String node(String logger) {
        return browser.js(TREE_NODE, logger);
    }

    private static void awaitNode(String logger, String state) {
        browser.await(logger + " " + state + " in the tree (is " + node(logger) + ")", d -> state.equals(node(logger)));
    }
}
