package dev.saascore.ui.e2e;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests in headless Chromium (Debian's /usr/bin/chromium and /usr/bin/chromedriver, nothing
 * downloaded): one browser per test class, a fresh session per test, and a screenshot plus the page source
 * of every failing test in target/browser-failures. Runs in the same Spring context as the view tests (same
 * annotations), so only the browser is extra.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BrowserTestSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ChromeDriverService service;
    protected static WebDriver browser;
    private static Path userDataDir;

    @LocalServerPort int port;
    @Autowired protected CommandGateway commands;
    @Autowired protected QueryGateway queries;
    @Autowired protected PasswordEncoder passwords;

    protected WebDriverWait wait;

    /** Keeps a screenshot and the page source of a failing test in target/browser-failures. */
    @RegisterExtension
    static final TestWatcher EVIDENCE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) {
                return;
            }
            try {
                Path dir = Files.createDirectories(Path.of("target", "browser-failures"));
                String name = context.getRequiredTestMethod().getName();
                Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                Files.writeString(dir.resolve(name + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource(),
                        StandardCharsets.UTF_8);
            } catch (Exception evidenceFailure) {
                cause.addSuppressed(evidenceFailure);
            }
        }
    };

    @BeforeAll
    static void startChromium() throws IOException {
        // fail loudly (never skip) when the browser is missing: .ci/run installs chromium and chromium-driver
        assertThat(new File(CHROMIUM)).as("Debian's chromium package (apt-get install chromium)").canRead();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver package (apt-get install chromium-driver)")
                .canRead();
        // the local driver and browser are named explicitly, so Selenium Manager has nothing to resolve
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");

        userDataDir = Files.createTempDirectory("saas-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + userDataDir);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (userDataDir != null) {
                try (Stream<Path> files = Files.walk(userDataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void freshBrowserSession() {
        wait = new WebDriverWait(browser, WAIT);
        browser.manage().deleteAllCookies();
    }

    protected void signIn(String email, String password) {
        browser.get(baseUrl() + "/login");
        WebElement username = waitFor(By.cssSelector(
                "vaadin-login-form input[name='username'], vaadin-login-form [name='username'] input"));
        WebElement passwordInput = browser.findElement(By.cssSelector(
                "vaadin-login-form input[name='password'], vaadin-login-form [name='password'] input"));
        username.clear();
        username.sendKeys(email);
        passwordInput.clear();
        passwordInput.sendKeys(password, Keys.ENTER);
    }

    protected void signOut() {
        WebElement signOut = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-button[normalize-space()='Sign out']")));
        signOut.click();
        wait.until(ExpectedConditions.urlContains("/login"));
        waitFor(By.cssSelector("vaadin-login-form"));
    }

    protected void type(String fieldId, String value) {
        WebElement input = waitFor(By.cssSelector("#" + fieldId + " input"));
        input.clear();
        input.sendKeys(value, Keys.TAB);
    }

    protected WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    @SuppressWarnings("unchecked")
    protected List<String> navigationLabels() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('vaadin-side-nav-item'))
                    .map(item => item.textContent.trim());""");
    }

    /** The text a person sees, including text inside shadow roots (the login form's error lives there). */
    protected String visibleText() {
        return (String) js().executeScript("""
                const parts = [];
                const walk = node => {
                    if (node.nodeType === Node.TEXT_NODE) {
                        const parent = node.parentElement;
                        const text = node.textContent.trim();
                        if (text && parent && parent.checkVisibility({visibilityProperty: true})
                                && parent.closest('script, style, template') === null) {
                            parts.push(text);
                        }
                        return;
                    }
                    if (node.shadowRoot) {
                        walk(node.shadowRoot);
                    }
                    node.childNodes.forEach(walk);
                };
                walk(document.body);
                return parts.join('\\n');""");
    }

    protected JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
