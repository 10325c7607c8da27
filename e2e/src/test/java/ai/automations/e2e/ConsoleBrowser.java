package ai.automations.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) on the console, with the few steps
 * the browser tests share: open a page, fill and submit a form, wait for the console's one-time message, screenshot.
 * Every wait is on a condition of the page.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String base;
    private final Path userDataDir;

    ConsoleBrowser(String base) {
        this.base = base;
        try {
            userDataDir = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        Paths.get(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    void open(String path) {
        driver.get(base + path);
        waitForPage();
    }

    /** Waits until the document is loaded and htmx is idle (no request in flight). */
    void waitForPage() {
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState"))
                && Boolean.TRUE.equals(driver.executeScript(
                        "return typeof htmx === 'undefined' "
                                + "|| document.querySelectorAll('.htmx-request').length === 0")));
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(By field, String text) {
        WebElement element = find(field);
        element.clear();
        element.sendKeys(text);
    }

    void select(By field, String value) {
        new org.openqa.selenium.support.ui.Select(find(field)).selectByValue(value);
    }

    /** Clicks a submit button and waits for the console's message after the redirect; returns its text. */
    String submitAndWaitForFlash(By button) {
        markPage();
        find(button).click();
        waitForReload();
        return find(By.cssSelector(".flash")).getText();
    }

    /** Marks the current document so that a full reload (the console's redirect after a change) can be seen. */
    void markPage() {
        driver.executeScript("window.__consoleMark = true");
    }

    /** Waits until the document marked by {@link #markPage()} has been replaced, and the new one is ready. */
    void waitForReload() {
        wait.until(d -> !Boolean.TRUE.equals(driver.executeScript("return window.__consoleMark === true")));
        waitForPage();
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    boolean alertShown() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    Path screenshot(String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void signIn(String apiKey) {
        open("/sign-in");
        type(By.id("api-key"), apiKey);
        markPage();
        find(By.id("sign-in")).click();
        waitForReload();
        find(By.id("sign-out"));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(userDataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
