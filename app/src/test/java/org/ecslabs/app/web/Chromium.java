package org.ecslabs.app.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What every browser test shares: the system Chromium, headless, and screenshots saved to
 * target/screenshots/ (and also to {@code -Decslabs.screenshots=<folder>} when given, which is how
 * the README's docs/screenshots/ are refreshed by hand, so CI never rewrites tracked files).
 */
public final class Chromium {
    public static final Path PATH = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** Launches the system Chromium, or fails with how to install it. */
    public static Browser launch(Playwright playwright) {
        if (!Files.isExecutable(PATH)) {
            throw new AssertionError("Chromium is required for the browser test but " + PATH
                    + " is missing: install it with 'apt-get install -y chromium' (.ci/run does this)");
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(PATH)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
    }

    public static void screenshot(Page page, String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        page.screenshot(new Page.ScreenshotOptions().setPath(target.resolve(name)).setFullPage(false));
        String extra = System.getProperty("ecslabs.screenshots");
        if (extra != null) {
            Files.createDirectories(Path.of(extra));
            Files.copy(target.resolve(name), Path.of(extra).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
