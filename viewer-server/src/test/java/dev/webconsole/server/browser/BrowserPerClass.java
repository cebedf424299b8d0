package dev.webconsole.server.browser;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** One headless Chromium per test class, 1280 x 720: started before the class's first test, closed after its last. */
public abstract class BrowserPerClass {
    protected static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(1280, 720);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Waits (bounded) until the first element that matches {@code css} is displayed, and returns it. */
    protected static WebElement find(String css) {
        return browser.await(css, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }
}
