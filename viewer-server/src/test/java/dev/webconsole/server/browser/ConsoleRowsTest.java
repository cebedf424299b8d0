package dev.webconsole.server.browser;

import static dev.webconsole.server.testing.Events.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webconsole.server.ConsoleEvent;
import dev.webconsole.server.ConsoleHub;
import dev.webconsole.server.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The log's rows as a Java developer reads them: room for the message, columns, wrapping, the keyboard. */
class ConsoleRowsTest extends BrowserTestBase {
    private static final String REPOSITORY = "com.acme.shop.db.OrderRepository";

    private static Map<String, String> mdc(int i) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("user", i % 2 == 0 ? "ann" : "bob");
        context.put("requestId", "req-" + (1000 + i));
        return context;
    }

    private static ConsoleEvent info(int i, String message) {
        return new ConsoleEvent(System.currentTimeMillis(), "INFO", Severity.INFO, REPOSITORY, "http-exec-1", message,
                null, mdc(i), null, null);
    }

    private static ConsoleEvent error(String message) {
        var thrown = new ConsoleEvent.ThrownInfo("java.io.IOException", "disk full",
                "java.io.IOException: disk full\n\tat com.acme.shop.db.OrderRepository.save(OrderRepository.java:42)\n");
        return new ConsoleEvent(System.currentTimeMillis(), "ERROR", Severity.ERROR, REPOSITORY, "http-exec-2", message,
                thrown, mdc(7), "SQL", null);
    }

    /** Each test starts from the default columns: the choices are remembered per browser profile. */
    @BeforeEach
    void forgetColumns() {
        browser.open("about:blank");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
    }

    private ConsoleHub openWith(ConsoleHub hub, int events) {
        open(browser, hub, "");
        browser.js("localStorage.removeItem('webconsole.columns')");
        open(browser, hub, "");
        for (int i = 1; i <= events; i++) {
            hub.publish(info(i, "select * from orders where customer = ? [" + i + "]"));
        }
        awaitRows(browser, range(1, events));
        return hub;
    }

    private WebElement row(long seq) {
        return browser.driver().findElement(By.cssSelector("#rows .row[data-seq='" + seq + "']"));
    }

    private double width(WebElement e) {
        return ((Number) browser.js("return arguments[0].getBoundingClientRect().width", e)).doubleValue();
    }

    private boolean cutOff(WebElement e) {
        return (Boolean) browser.js("return arguments[0].scrollWidth > arguments[0].clientWidth + 1", e);
    }

    @Test
    void shortenedLoggersKeepTheClassNameAndTheWholeNameIsInTheTooltip() {
        openWith(startHub(), 1);
        WebElement logger = row(1).findElement(By.cssSelector(".logger"));
        String text = logger.getText();
        assertEquals("c.a.s.d.OrderRepository", text);
        assertFalse(cutOff(logger), "the logger cell shows its whole (shortened) text: " + text);
        assertTrue(logger.getDomAttribute("title").startsWith(REPOSITORY), logger.getDomAttribute("title"));

        // A narrower column drops package initials first, never the class name.
        WebElement handle = browser.driver().findElement(By.cssSelector(".col-resize[data-col='logger']"));
        for (int i = 0; i < 5; i++) {
            handle.sendKeys(Keys.ARROW_LEFT);
        }
        browser.await("the logger cut to its class", d -> "OrderRepository".equals(
                browser.js("return document.querySelector(\"#rows .row[data-seq='1'] .logger\").textContent")));
    }

    @Test
    void contextValuesFoldIntoOneChipBesideTheMessageAndTheMessageGetsTheRoom() {
        openWith(startHub(), 3);
        WebElement first = row(1);
        assertTrue(first.findElements(By.cssSelector(".chip-ctx")).isEmpty(), "no chip per context value on a collapsed row");
        WebElement folded = first.findElement(By.cssSelector(".chip-mdc"));
        assertEquals("MDC 2", folded.getText());
        assertTrue(folded.getDomAttribute("title").contains("user=bob\nrequestId=req-1001"), folded.getDomAttribute("title"));
        // With the tree open at 1280 px, the message cell gets most of the row.
        double message = width(first.findElement(By.cssSelector(".msg-cell")));
        assertTrue(message > 500, "message cell " + message + " px");

        folded.click();
        settle("the row to show each context value", () -> row(1).findElements(By.cssSelector(".chip-ctx")).size() == 2);
        row(1).findElement(By.cssSelector(".chip-ctx[data-ctx='user=bob']")).click();
        browser.await("the filter on user=bob", d -> rows(browser).equals(List.of(1L, 3L)));
    }

    @Test
    void columnsCanBeHiddenAndResizedAndTheChoiceIsRemembered() {
        ConsoleHub hub = openWith(startHub(), 2);
        double before = width(row(1).findElement(By.cssSelector(".msg-cell")));
        byId(browser, "columns-button").click();
        browser.driver().findElement(By.cssSelector("#columns-menu input[data-col='thread']")).click();
        settle("the thread column to go", () -> !row(1).findElement(By.cssSelector(".thread")).isDisplayed());
        assertFalse(browser.driver().findElement(By.cssSelector(".head-thread")).isDisplayed());
        assertTrue(width(row(1).findElement(By.cssSelector(".msg-cell"))) > before + 40, "the message takes the room");
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

        WebElement handle = browser.driver().findElement(By.cssSelector(".col-resize[data-col='logger']"));
        double logger = width(row(1).findElement(By.cssSelector(".logger")));
        new Actions(browser.driver()).clickAndHold(handle).moveByOffset(80, 0).release().perform();
        settle("the logger column 80 px wider", () -> Math.abs(width(row(1).findElement(By.cssSelector(".logger"))) - logger - 80) < 3);
        assertEquals(REPOSITORY, row(1).findElement(By.cssSelector(".logger")).getText(), "room for the whole name");

        open(browser, hub, "");
        awaitRows(browser, range(1, 2));
        assertFalse(row(1).findElement(By.cssSelector(".thread")).isDisplayed(), "hidden after a reload");
        assertTrue(Math.abs(width(row(1).findElement(By.cssSelector(".logger"))) - logger - 80) < 3, "the width after a reload");
    }

    /** The columns the menu lists (visible boxes, with their ticks) and those the header shows. */
    static List<Object> menuAndHeader() {
        byId(browser, "columns-button").click();
        browser.await("the Columns menu", d -> byId(browser, "columns-menu").isDisplayed());
        List<Object> seen = browser.js("return [[...document.querySelectorAll('#columns-menu input')].filter(i => i.offsetParent !== null)"
                + ".map(i => i.dataset.col + (i.checked ? '+' : '-')),"
                + " [...document.querySelectorAll('#log-head .head-name')].filter(n => n.offsetParent !== null && n.textContent).map(n => n.textContent)]");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("the menu closed", d -> !byId(browser, "columns-menu").isDisplayed());
        return seen;
    }

    @Test
    void withoutSourcesTheColumnsMenuListsNoSourceLikeTheHeader() {
        openWith(startHub(), 1);
        assertEquals(List.of(List.of("time+", "level+", "logger+", "thread+", "wrap-"), List.of("Time", "Level", "Logger", "Thread", "Message")),
                menuAndHeader());
    }

    @Test
    void wrapShowsALongMessageWholeWithoutOverlappingTheNextRowAndIsRemembered() {
        ConsoleHub hub = openWith(startHub(), 0);
        hub.publish(info(1, "long ".repeat(150) + "end"));
        hub.publish(info(2, "next"));
        awaitRows(browser, range(1, 2));
        settle("one line, cut, without wrap", () -> cutOff(row(1).findElement(By.cssSelector(".msg"))));

        byId(browser, "columns-button").click();
        browser.driver().findElement(By.cssSelector("#columns-menu input[data-col='wrap']")).click();
        browser.await("the long row to wrap", d -> box(1)[1] > 3 * 22);
        settle("the whole message to show", () -> !cutOff(row(1).findElement(By.cssSelector(".msg"))));
        browser.await("the next row below it", d -> box(2)[0] >= box(1)[0] + box(1)[1] - 1);

        open(browser, hub, "");
        awaitRows(browser, range(1, 2));
        browser.await("wrapped after a reload", d -> box(1)[1] > 3 * 22);
    }

    @Test
    void anExpandedErrorKeepsItsMessageOnOneWideLine() {
        ConsoleHub hub = openWith(startHub(), 0);
        hub.publish(error("payment failed for order #47 after 3 retries"));
        awaitRows(browser, range(1, 1));
        row(1).findElement(By.cssSelector(".expand")).click();
        browser.await("the stack", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='1'] .stack")).isEmpty());
        WebElement msg = row(1).findElement(By.cssSelector(".msg"));
        assertTrue(msg.getSize().getHeight() <= 24, "one line, not a word per line: " + msg.getSize());
        assertEquals(2, row(1).findElements(By.cssSelector(".chip-ctx")).size(), "the expanded row shows each context value");
    }

    @Test
    void theJumpPillCoversNoRow() {
        ConsoleHub hub = openWith(startHub(), 60);
        browser.driver().findElement(By.tagName("body")).sendKeys(" ");
        browser.await("paused", d -> Boolean.TRUE.equals(state(browser, "paused")));
        WebElement jump = byId(browser, "jump");
        browser.await("the Resume pill", d -> jump.isDisplayed());
        browser.js("const s = document.getElementById('scroller'); s.scrollTop = s.scrollHeight");
        browser.await("the last row drawn", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='60']")).isEmpty());
        browser.await("the last row above the pill", d -> {
            double rowBottom = ((Number) browser.js("return document.querySelector(\"#rows .row[data-seq='60']\").getBoundingClientRect().bottom")).doubleValue();
            double pillTop = ((Number) browser.js("return document.getElementById('jump').getBoundingClientRect().top")).doubleValue();
            return rowBottom <= pillTop;
        });
        assertNotNull(hub);
    }

    @Test
    void theArrowKeysMoveTheCurrentRowAndEnterOpensIt() {
        ConsoleHub hub = openWith(startHub(), 80);
        hub.publish(error("could not save order #11"));
        awaitRows(browser, range(1, 81));
        WebElement scroller = byId(browser, "scroller");
        browser.js("arguments[0].focus()", scroller);
        scroller.sendKeys(Keys.ARROW_UP);
        browser.await("the last row current", d -> "81".equals(currentSeq()));
        scroller.sendKeys(Keys.ARROW_UP);
        browser.await("one row up", d -> "80".equals(currentSeq()));
        assertEquals(Boolean.FALSE, state(browser, "following"), "moving up stops following");
        assertEquals("row-", String.valueOf(scroller.getDomAttribute("aria-activedescendant")).substring(0, 4));
        assertEquals(currentId(), scroller.getDomAttribute("aria-activedescendant"));

        scroller.sendKeys(Keys.HOME);
        browser.await("the first row current and in view", d -> "1".equals(currentSeq()) && inView("1"));
        scroller.sendKeys(Keys.ARROW_DOWN);
        browser.await("the second row", d -> "2".equals(currentSeq()));
        scroller.sendKeys(Keys.PAGE_DOWN);
        browser.await("a page down, in view", d -> Integer.parseInt(currentSeq()) > 12 && inView(currentSeq()));
        scroller.sendKeys(Keys.END);
        browser.await("the last row current, following", d -> "81".equals(currentSeq()) && Boolean.TRUE.equals(state(browser, "following")));

        scroller.sendKeys(Keys.ENTER);
        browser.await("Enter opens the current row in the detail panel", d -> byId(browser, "detail").isDisplayed()
                && byId(browser, "detail").getText().contains("could not save order #11"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("Esc closes it and the log has the focus", d -> !byId(browser, "detail").isDisplayed()
                && "scroller".equals(browser.js("return document.activeElement.id")));
        assertEquals("81", currentSeq(), "the current row stays");
    }

    @Test
    void theLogIsAGridOfRowsAndCells() {
        ConsoleHub hub = openWith(startHub(), 2);
        hub.publish(error("could not save order #11"));
        awaitRows(browser, range(1, 3));
        row(3).findElement(By.cssSelector(".expand")).click();
        browser.await("the stack", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='3'] .stack")).isEmpty());
        List<String> problems = browser.js("""
                const grid = document.getElementById('scroller');
                const out = [];
                if (grid.getAttribute('role') !== 'grid') out.push('no grid');
                const rows = [...grid.querySelectorAll('[role]')].filter((e) => e.getAttribute('role') === 'row');
                if (rows.length < 4) out.push('rows: ' + rows.length);
                for (const r of rows) {
                  for (const c of r.children) {
                    const role = c.getAttribute('role');
                    if (role !== 'gridcell' && role !== 'columnheader') out.push(r.className + ' > ' + c.className + ': ' + role);
                  }
                }
                if (grid.querySelectorAll('[role=columnheader]').length < 6) out.push('column headers');
                return out;
                """);
        assertEquals(List.of(), problems);
    }

    /**
     * Screenshots of the rows at 1280 and 400 px, dark and light, with an expanded error, into
     * target/screenshots; at each size the message cell keeps most of the row.
     */
    @Test
    void screenshotsAt1280And400PxInBothThemes() throws Exception {
        ConsoleHub hub = openWith(startHub(), 0);
        for (int i = 1; i <= 18; i++) {
            hub.publish(i == 6 ? error("payment failed for order #47 after 3 retries") : info(i, "GET /orders/" + (1000 + i) + " -> 200 in " + (i * 7 % 40) + " ms"));
        }
        awaitRows(browser, range(1, 18));
        row(6).findElement(By.cssSelector(".expand")).click();
        browser.await("the stack", d -> !d.findElements(By.cssSelector("#rows .row[data-seq='6'] .stack")).isEmpty());
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        for (int width : new int[] {1280, 400}) {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 800));
            if (width == 400 && byId(browser, "sidebar").isDisplayed()) {
                byId(browser, "toggle-tree").click(); // the tree is an overlay there: the rows are what is shown
            }
            for (String theme : new String[] {"dark", "light"}) {
                browser.js("document.documentElement.dataset.theme = arguments[0]", theme);
                settle("the layout at " + width, () -> row(6).getSize().getWidth() > 0
                        && width(row(6)) <= width && row(6).findElement(By.cssSelector(".stack")).isDisplayed());
                double message = width(row(2).findElement(By.cssSelector(".msg-cell")));
                double rowWidth = width(row(2));
                assertTrue(message > rowWidth * (width == 400 ? 0.35 : 0.5), width + " px: message " + message + " of " + rowWidth);
                java.nio.file.Files.write(dir.resolve("rows-" + width + "-" + theme + ".png"), browser.screenshot());
            }
        }
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        byId(browser, "columns-button").click();
        browser.await("the Columns menu", d -> byId(browser, "columns-menu").isDisplayed());
        java.nio.file.Files.write(dir.resolve("rows-1280-light-columns-menu.png"), browser.screenshot());
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await("Esc to close the menu", d -> !byId(browser, "columns-menu").isDisplayed());
        assertEquals("columns-button", browser.js("return document.activeElement.id"), "the focus back on its button");
    }

    /** Waits (bounded) until the condition holds; rows rebuilt while it reads them are read again. */
    private static void settle(String what, java.util.function.BooleanSupplier condition) {
        browser.await(what, d -> {
            try {
                return condition.getAsBoolean();
            } catch (org.openqa.selenium.StaleElementReferenceException rebuilt) {
                return false;
            }
        });
    }

    /** The top and height (px) of an event's row, read in one go (rows are rebuilt as they change); 0, 0 when not drawn. */
    private double[] box(long seq) {
        List<Number> b = browser.js("const r = document.querySelector(\"#rows .row[data-seq='\" + arguments[0] + \"']\");"
                + "if (!r) return [0, 0]; const b = r.getBoundingClientRect(); return [b.top, b.height]", seq);
        return new double[] {b.get(0).doubleValue(), b.get(1).doubleValue()};
    }

    private String currentSeq() {
        return browser.js("const r = document.querySelector('#rows .row.current'); return r ? r.dataset.seq : null");
    }

    private String currentId() {
        return browser.js("return document.querySelector('#rows .row.current').id");
    }

    private boolean inView(String seq) {
        return (Boolean) browser.js("""
                const r = document.querySelector("#rows .row[data-seq='" + arguments[0] + "']");
                const h = document.getElementById('log-head').getBoundingClientRect();
                const s = document.getElementById('scroller').getBoundingClientRect();
                if (!r) return false;
                const b = r.getBoundingClientRect();
                return b.top >= h.bottom - 1 && b.bottom <= s.bottom + 1;
                """, seq);
    }
}
