package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Log text built to break out of the page: each payload would set {@code window.__pwned} if it
 * ran. It must show as literal text and run nothing, wherever it appears in an event.
 */
class HostileContentTest extends BrowserTestBase {
    private static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned='script'</script>",
            "<img src=x onerror=\"window.__pwned='img'\">",
            "javascript:window.__pwned='link'",
            "</textarea><script>window.__pwned='textarea'</script>",
            "\"><svg onload=\"window.__pwned='svg'\">",
            "<a href=\"javascript:window.__pwned='anchor'\">click</a>");

    @Test
    void payloadsInEveryFieldShowAsTextAndRunNothing() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        long seq = 0;
        for (String payload : PAYLOADS) {
            hub.publish(new ConsoleEvent(System.currentTimeMillis(), "ERROR", Severity.ERROR, "evil." + payload, payload,
                    payload, new ConsoleEvent.ThrownInfo(payload, payload, payload + "\n\tat " + payload),
                    Map.of(payload, payload), payload, payload));
            seq++;
        }
        awaitRows(browser, range(1, seq));
        assertEquals(PAYLOADS, renderedMessages(browser));
        // Open every row's details, which must stay text too, then expand it so its stack and context are in the DOM too.
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            long rowSeq = i + 1;
            // A click event on the message, found as it is now (an expanded row is built again):
            // an expanded row overlaps the next one until the list has measured it.
            browser.js("document.querySelector(\"#rows .row[data-seq='\" + arguments[0] + \"'] .msg\").click()", rowSeq);
            browser.await("the detail panel showing row " + rowSeq + "'s message as text", d -> d.findElement(By.id("detail")).isDisplayed()
                    && payload.equals(d.findElement(By.cssSelector("#detail .detail-message")).getText()));
            assertEquals(Long.valueOf(0), (Long) browser.js("return document.querySelectorAll('#detail script, #detail img, #detail iframe,"
                    + " #detail object, #detail a, #detail svg').length"));
            assertEquals(Long.valueOf(0), (Long) browser.js("return [...document.querySelectorAll('#detail *')]"
                    + ".filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"), "no element in the panel has an event handler attribute");
            browser.await("Esc sent to the focused element", d -> {
                d.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
                return true;
            });
            browser.await("the detail panel to close", d -> !d.findElement(By.id("detail")).isDisplayed());
            browser.js("document.querySelector(`#rows .row[data-seq='${arguments[0]}'] .expand`).click()", rowSeq);
            browser.await("row " + rowSeq + " expanded", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='" + rowSeq + "'] .stack")).isEmpty());
        }
        List<String> hrefs = browser.js("return [...document.querySelectorAll('#rows a')].map(a => a.getAttribute('href') ?? '')");
        for (String href : hrefs) {
            assertFalse(href.strip().toLowerCase(java.util.Locale.ROOT).startsWith("javascript:"), "a javascript: link was made: " + href);
        }
        assertEquals(Long.valueOf(0), (Long) browser.js("return document.querySelectorAll('#rows script, #rows img, #rows iframe, #rows object').length"));
        assertEquals(Long.valueOf(0), (Long) browser.js("return [...document.querySelectorAll('#rows *')]"
                + ".filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"), "no element has an event handler attribute");
        assertNull(browser.js("return window.__pwned === undefined ? null : String(window.__pwned)"));
        assertTrue(browser.driver().findElement(By.id("rows")).getText().contains("<script>window.__pwned='script'</script>"));
    }

    @Test
    void bidiOverridesAreShownNotObeyed() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        String disguised = "invoice_\u202Efdp.exe";
        hub.publish(new ConsoleEvent(System.currentTimeMillis(), "WARN", Severity.WARN, "mail", "worker-1",
                "attachment " + disguised, null, null, null, null));
        awaitRows(browser, seqs(1));
        String shown = renderedMessages(browser).get(0);
        assertFalse(shown.contains("\u202E"), "the override character must not reach the DOM as a control: " + shown);
        assertTrue(shown.contains("U+202E"), "the override should be shown visibly: " + shown);
        assertTrue(shown.contains("fdp.exe"), shown);
    }
}
