package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;
import static dev.webconsole.server.testing.Events.seqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The errors panel (grouped errors, a group as a filter) and the background tab's error count. */
class ErrorsPanelTest extends BrowserTestBase {
    /** 2025-11-21T08:00:00.123Z; in the browser's zone (UTC+05:30) 13:30:00.123. */
    private static final long TIME = 1_763_712_000_123L;
    private static final String SAVE = "com.acme.shop.db.OrderRepository.save(OrderRepository.java:42)";
    private static final String LOAD = "com.acme.shop.db.OrderRepository.load(OrderRepository.java:57)";

    private static String stack(String type, String message, String appFrame) {
        return type + ": " + message
                + "\n\tat java.base/java.util.Objects.requireNonNull(Objects.java:233)"
                + "\n\tat org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:64)"
                + "\n\tat app//" + appFrame
                + "\n\tat com.acme.shop.OrderService.place(OrderService.java:17)"
                + "\n\tat java.base/java.lang.Thread.run(Thread.java:833)"
                + "\nCaused by: java.net.SocketTimeoutException: read timed out"
                + "\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)";
    }

    private static ConsoleEvent thrown(long at, String level, int severity, String type, String message, String appFrame) {
        return new ConsoleEvent(TIME + at, level, severity, "com.acme.shop.db.OrderRepository", "http-nio-8080-exec-1",
                "order failed", new ConsoleEvent.ThrownInfo(type, message, stack(type, message, appFrame)),
                Map.of("requestId", "r" + at), null, null);
    }

    private static ConsoleEvent plain(long at, String level, int severity, String logger, String message) {
        return new ConsoleEvent(TIME + at, level, severity, logger, "main", message, null, null, null, null);
    }

    /**
     * 1 INFO; 2, 3 SQLException at save (3 a minute later); 4 SQLException at load; 5 a WARN with an
     * IllegalStateException; 6 ERROR and 7 FATAL from com.acme.mail.Sender, no exception.
     */
    private static void publishErrors(ConsoleHub hub) {
        hub.publish(plain(0, "INFO", Severity.INFO, "com.acme.shop.Web", "request in"));
        hub.publish(thrown(1_000, "ERROR", Severity.ERROR, "java.sql.SQLException", "timeout 1", SAVE));
        hub.publish(thrown(61_000, "ERROR", Severity.ERROR, "java.sql.SQLException", "timeout 2", SAVE));
        hub.publish(thrown(2_000, "ERROR", Severity.ERROR, "java.sql.SQLException", "no such row", LOAD));
        hub.publish(thrown(3_000, "WARN", Severity.WARN, "java.lang.IllegalStateException", "cart closed",
                "com.acme.shop.Cart.add(Cart.java:9)"));
        hub.publish(plain(4_000, "ERROR", Severity.ERROR, "com.acme.mail.Sender", "no route to smtp"));
        hub.publish(plain(5_000, "FATAL", Severity.FATAL, "com.acme.mail.Sender", "giving up"));
    }

    /** Each group as "count | type | frame | message | first | last". */
    private static List<String> groups() {
        return browser.js("return [...document.querySelectorAll('#errors-list .error-group')].map((b) =>"
                + " ['.eg-count', '.eg-type', '.eg-frame', '.eg-msg', '.eg-first', '.eg-last']"
                + ".map((c) => b.querySelector(c)?.textContent ?? '').join(' | '))");
    }

    /** The first group whose frame (or logger) contains the text; opens the panel when it is closed. */
    private static WebElement group(String frameText) {
        if (!byId(browser, "errors-panel").isDisplayed()) {
            openPanel();
        }
        return browser.driver().findElements(By.cssSelector("#errors-list .error-group")).stream()
                .filter(b -> b.findElement(By.className("eg-frame")).getText().contains(frameText)).findFirst()
                .orElseThrow(() -> new AssertionError("no group at " + frameText + " in " + groups()));
    }

    private static void openPanel() {
        if (!byId(browser, "errors-button").isDisplayed()) {
            byId(browser, "toolbar-menu").click(); // a narrow window keeps the actions in the menu
        }
        byId(browser, "errors-button").click();
        browser.await("the errors panel", d -> byId(browser, "errors-panel").isDisplayed());
    }

    @Test
    void errorsAreGroupedByTypeAndFirstApplicationFrameWithCountAndTimes() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishErrors(hub);
        awaitRows(browser, range(1, 7));
        browser.await("the errors count", d -> "6".equals(byId(browser, "errors-count").getText()));
        openPanel();
        assertEquals(List.of(
                "2 | java.sql.SQLException | at " + SAVE + " | timeout 2 | first 13:30:01.123 | last 13:31:01.123",
                "1 | FATAL | from com.acme.mail.Sender | giving up | first 13:30:05.123 | last 13:30:05.123",
                "1 | ERROR | from com.acme.mail.Sender | no route to smtp | first 13:30:04.123 | last 13:30:04.123",
                "1 | java.lang.IllegalStateException | at com.acme.shop.Cart.add(Cart.java:9) | cart closed"
                        + " | first 13:30:03.123 | last 13:30:03.123",
                "1 | java.sql.SQLException | at " + LOAD + " | no such row | first 13:30:02.123 | last 13:30:02.123"),
                groups());
        assertEquals("6 errors in 5 groups", byId(browser, "errors-summary").getText());
        assertEquals("true", byId(browser, "errors-button").getAttribute("aria-expanded"));

        hub.publish(thrown(62_000, "ERROR", Severity.ERROR, "java.sql.SQLException", "timeout 3", SAVE)); // 8
        browser.await("the live error counted in its group", d -> groups().get(0).startsWith("3 | java.sql.SQLException | at " + SAVE + " | timeout 3"));
        assertEquals("7", byId(browser, "errors-count").getText());

        // While the panel is open a group stays where it is, so it does not move away under the pointer.
        hub.publish(thrown(63_000, "ERROR", Severity.ERROR, "java.lang.IllegalStateException", "cart closed again",
                "com.acme.shop.Cart.add(Cart.java:9)")); // 9
        browser.await("the later error counted in its group, which keeps its place",
                d -> groups().get(3).startsWith("2 | java.lang.IllegalStateException | at com.acme.shop.Cart.add(Cart.java:9)"));
        byId(browser, "errors-button").click();
        browser.await("the panel closed", d -> !byId(browser, "errors-panel").isDisplayed());
        openPanel();
        browser.await("opened again, the group seen last comes first",
                d -> groups().get(0).startsWith("2 | java.lang.IllegalStateException | at com.acme.shop.Cart.add(Cart.java:9)"));
    }

    @Test
    void clickingAGroupShowsOnlyItsRowsAndTheChipOrEscRemovesIt() {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        publishErrors(hub);
        awaitRows(browser, range(1, 7));
        openPanel();
        String address = browser.driver().getCurrentUrl();
        group(SAVE).click();
        awaitRows(browser, seqs(2, 3));
        assertEquals(address, browser.driver().getCurrentUrl(), "the group filter is not part of the address");
        group(SAVE).click();
        awaitRows(browser, range(1, 7));
        group(SAVE).click();
        awaitRows(browser, seqs(2, 3));
        // The rows change at once, the panel and the chip with the next frame.
        browser.await("the group marked as chosen", d -> "true".equals(group(SAVE).getAttribute("aria-pressed")));
        WebElement chip = browser.await("the chip", d -> d.findElement(By.cssSelector("#error-filter .error-chip")));
        assertEquals("error: SQLException at OrderRepository.save(OrderRepository.java:42) \u00d7", chip.getText());
        assertTrue(chip.getAttribute("title").contains("java.sql.SQLException at " + SAVE), chip.getAttribute("title"));
        hub.publish(thrown(62_000, "ERROR", Severity.ERROR, "java.sql.SQLException", "timeout 3", SAVE)); // 8
        hub.publish(plain(63_000, "ERROR", Severity.ERROR, "com.acme.mail.Sender", "again")); // 9
        awaitRows(browser, seqs(2, 3, 8));

        // Of the two groups from Sender the ERROR one was seen last, but the open panel keeps its order: FATAL stays above it.
        assertTrue(groups().indexOf(groups().stream().filter(g -> g.contains("| FATAL | from com.acme.mail.Sender")).findFirst().orElseThrow())
                < groups().indexOf(groups().stream().filter(g -> g.contains("| ERROR | from com.acme.mail.Sender")).findFirst().orElseThrow()),
                () -> String.valueOf(groups()));
        browser.driver().findElements(By.cssSelector("#errors-list .error-group")).stream()
                .filter(b -> b.getText().contains("from com.acme.mail.Sender") && b.getText().contains("ERROR")).findFirst()
                .orElseThrow().click();
        awaitRows(browser, seqs(6, 9));

        browser.driver().findElement(By.cssSelector("#error-filter .error-chip")).click();
        awaitRows(browser, range(1, 9));
        browser.await("the chip gone", d -> !byId(browser, "error-filter").isDisplayed());
        assertFalse(byId(browser, "errors-panel").isDisplayed(), "a click outside the panel closes it");

        group("Cart.add").click();
        awaitRows(browser, seqs(5));
        browser.await("the clicked group keeps the focus, marked as chosen",
                d -> "true".equals(browser.js("return document.activeElement.getAttribute('aria-pressed')")));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("Esc closes the panel first", d -> !byId(browser, "errors-panel").isDisplayed());
        assertEquals(seqs(5), rows(browser));
        assertEquals("errors-button", browser.js("return document.activeElement.id"), "focus goes back to the button");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        awaitRows(browser, range(1, 9));
        browser.await("the chip gone", d -> !byId(browser, "error-filter").isDisplayed());
    }

    @Test
    void aGroupFilterKeepsTheRestOfTheFilterAndAClearEmptiesThePanel() {
        ConsoleHub hub = startHub();
        open(browser, hub, "?q=mail");
        publishErrors(hub);
        awaitRows(browser, seqs(6, 7));
        browser.await("every error counted, whatever the search", d -> "6".equals(byId(browser, "errors-count").getText()));
        openPanel();
        group(LOAD).click();
        awaitRows(browser, List.of());
        byId(browser, "search").clear();
        byId(browser, "search").sendKeys(Keys.ENTER);
        awaitRows(browser, seqs(4));
        browser.js("document.activeElement.blur()");
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.sendKeys("?");
        browser.await("help", d -> byId(browser, "help").isDisplayed());
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("Esc closes the help", d -> !byId(browser, "help").isDisplayed());
        assertEquals(seqs(4), rows(browser), "closing the help keeps the group filter");
        assertTrue(byId(browser, "error-filter").isDisplayed());

        byId(browser, "clear").click();
        awaitRows(browser, List.of());
        browser.await("the count is cleared", d -> byId(browser, "errors-count").getText().isEmpty());
        openPanel();
        assertEquals(List.of(), groups());
        assertEquals("No errors seen yet.", byId(browser, "errors-summary").getText());
        hub.publish(thrown(9_000, "ERROR", Severity.ERROR, "java.sql.SQLException", "no such row", LOAD)); // 8
        awaitRows(browser, seqs(8));
    }

    @Test
    void aReplayUnderAWiderFilterDoesNotCountErrorsTwice() {
        ConsoleHub hub = startHub();
        open(browser, hub, "?level=ERROR");
        publishErrors(hub);
        awaitRows(browser, seqs(2, 3, 4, 6, 7));
        browser.await("five errors", d -> "5".equals(byId(browser, "errors-count").getText()));
        new Select(byId(browser, "level")).selectByValue("TRACE");
        awaitRows(browser, range(1, 7));
        browser.await("the WARN with an exception is counted once", d -> "6".equals(byId(browser, "errors-count").getText()));
        openPanel();
        assertTrue(groups().get(0).startsWith("2 | java.sql.SQLException | at " + SAVE), groups().toString());
    }

    @Test
    void aBackgroundTabShowsItsNewErrorsInTitleAndFaviconUntilItIsShown() throws Exception {
        ConsoleHub hub = startHub();
        open(browser, hub, "");
        hub.publish(plain(0, "ERROR", Severity.ERROR, "com.acme.Svc", "seen while visible"));
        awaitRows(browser, seqs(1));
        assertEquals("WebConsole", browser.driver().getTitle());

        Map<String, Object> other = browser.cdp("Target.createTarget", Map.of("url", "about:blank"));
        try {
            browser.await("the console tab in the background", d -> "hidden".equals(browser.js("return document.visibilityState")));
            publishErrors(hub);
            browser.await("six new errors in the title", d -> "(6) WebConsole".equals(browser.js("return document.title")));
            assertEquals("image/png", browser.js("return document.querySelector('link[rel~=icon]').type"));
            assertEquals(List.of(217L, 45L, 32L), badgePixel(), "a red badge in the icon's top right corner");
            String icon = browser.js("return document.querySelector('link[rel~=icon]').href");
            Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("errors-favicon-badge.png");
            Files.write(shot, java.util.Base64.getDecoder().decode(icon.substring(icon.indexOf(',') + 1)));
        } finally {
            browser.cdp("Target.closeTarget", Map.of("targetId", other.get("targetId")));
        }
        browser.await("the tab in front again", d -> "visible".equals(browser.js("return document.visibilityState")));
        browser.await("the title without a count", d -> "WebConsole".equals(browser.js("return document.title")));
        assertEquals("favicon.svg", browser.js("return document.querySelector('link[rel~=icon]').getAttribute('href')"));
    }

    @Test
    void thePanelFitsAt1280And400PixelsInBothThemes() throws Exception {
        ConsoleHub hub = startHub();
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        for (int width : new int[] {1280, 400}) {
            browser.cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            try {
                open(browser, hub, "");
                if (width == 1280) {
                    publishErrors(hub);
                }
                awaitRows(browser, range(1, 7));
                openPanel();
                group(SAVE).click();
                awaitRows(browser, seqs(2, 3));
                Map<String, Object> box = browser.js("const r = document.getElementById('errors-panel').getBoundingClientRect();"
                        + "const t = document.querySelector('.toolbar').getBoundingClientRect();"
                        + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, toolbar: t.bottom};");
                double left = ((Number) box.get("left")).doubleValue();
                double right = ((Number) box.get("right")).doubleValue();
                assertTrue(left >= 0 && right <= width, "the panel fits in " + width + " px: " + box);
                assertTrue(((Number) box.get("top")).doubleValue() >= ((Number) box.get("toolbar")).doubleValue(),
                        "the panel hangs under the toolbar: " + box);
                assertTrue(((Number) box.get("bottom")).doubleValue() <= 800, "the panel ends in the window: " + box);
                for (String theme : new String[] {"dark", "light"}) {
                    browser.js("document.documentElement.dataset.theme = arguments[0]", theme);
                    Files.write(dir.resolve("errors-panel-" + width + "-" + theme + ".png"), browser.screenshot());
                }
                browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
                browser.await("the panel closed", d -> !byId(browser, "errors-panel").isDisplayed());
                assertTrue(byId(browser, "error-filter").isDisplayed(), "the group's chip stays");
                for (String theme : new String[] {"dark", "light"}) {
                    browser.js("document.documentElement.dataset.theme = arguments[0]", theme);
                    Files.write(dir.resolve("errors-filter-" + width + "-" + theme + ".png"), browser.screenshot());
                }
            } finally {
                browser.cdp("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        }
    }

    /** The colour of the favicon at (58, 20) of 64 px, in the badge beside its number. */
    @SuppressWarnings("unchecked")
    private static List<Long> badgePixel() {
        List<Object> rgb = (List<Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const img = new Image(); img.onload = () => { const c = document.createElement('canvas'); c.width = 64; c.height = 64;"
                + "const g = c.getContext('2d'); g.drawImage(img, 0, 0, 64, 64); done([...g.getImageData(58, 20, 1, 1).data].slice(0, 3)); };"
                + "img.src = document.querySelector('link[rel~=icon]').href;");
        return rgb.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
