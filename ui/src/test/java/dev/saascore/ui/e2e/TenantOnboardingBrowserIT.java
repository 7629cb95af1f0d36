package dev.saascore.ui.e2e;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.ui.testsupport.SignedIn;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenant onboarding end to end in headless Chromium (Debian's /usr/bin/chromium and /usr/bin/chromedriver,
 * nothing downloaded): the platform administrator signs in and onboards two tenants through the dialog,
 * signs out, and one new owner signs in and sees their own organisation and nothing of the other tenant.
 * Runs in the same Spring context as the view tests (same annotations), so only the browser is extra.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantOnboardingBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String ADMIN_EMAIL = "admin@saas.local";
    private static final String ADMIN_PASSWORD = "admin-change-me";
    private static final String DEMO_TENANT_NAME = "Demo Trading Co.";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path userDataDir;

    @LocalServerPort int port;
    @Autowired CommandGateway commands;
    @Autowired QueryGateway queries;
    @Autowired PasswordEncoder passwords;

    private WebDriverWait wait;

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

    @Test
    void adminOnboardsATenantAndItsOwnerSeesOnlyTheirOwnOrganisation() {
        String otherSlug = uniqueSlug("other");
        String otherName = "Other Tenant " + otherSlug;
        String slug = uniqueSlug("browser");
        String name = "Browser Tenant " + slug;
        String ownerEmail = slug + "@owner.test";
        String password = "browser-owner-pass-1";

        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/tenants"));
        waitFor(By.id("tenants"));

        onboardThroughDialog(otherName, otherSlug, "Olga Other", otherSlug + "@owner.test", "other-owner-pass-1");
        onboardThroughDialog(name, slug, "Bea Browser", ownerEmail, password);
        assertThat(gridCellTexts()).contains(name, slug, ownerEmail, otherName, otherSlug);

        signOut();

        signIn(ownerEmail, password);
        wait.until(ExpectedConditions.urlContains("/organisation"));
        waitFor(By.id("organisation-profile"));
        wait.until(driver -> profileFields().contains("Name=" + name));
        assertThat(profileFields()).contains("Name=" + name, "Slug=" + slug, "Status=Active",
                "Owner=Bea Browser", "Owner e-mail=" + ownerEmail);
        assertThat(visibleText()).contains("Organisation");
        assertThat(navigationLabels()).containsExactly("Organisation", "Team", "My account");

        String everything = visibleText() + "\n" + String.join("\n", profileFields()) + "\n" + browser.getPageSource();
        assertThat(everything).doesNotContain(otherName).doesNotContain(otherSlug)
                .doesNotContain(otherSlug + "@owner.test").doesNotContain(DEMO_TENANT_NAME);

        // the owner cannot open the platform's tenant list by typing its address either: Vaadin's access
        // control answers as if the route did not exist
        browser.get(baseUrl() + "/tenants");
        wait.until(driver -> visibleText().contains("Could not navigate to 'tenants'"));
        assertThat(browser.findElements(By.id("tenants"))).isEmpty();
        assertThat(visibleText()).doesNotContain(otherName).doesNotContain(otherSlug);
    }

    @Test
    void aSuspendedTenantsOwnerIsToldTheOrganisationIsSuspended() {
        String slug = uniqueSlug("paused");
        String ownerEmail = slug + "@owner.test";
        String password = "paused-owner-pass-1";
        OnboardTenant tenant = new OnboardTenant(TenantId.random(), "Paused Tenant " + slug, slug, UserId.random(),
                "Paula Paused", ownerEmail, passwords.encode(password));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(tenant));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(
                new SuspendTenant(tenant.tenantId(), "Unpaid invoices")));
        await().atMost(Duration.ofSeconds(10)).until(() -> SignedIn.as(SignedIn.owner(tenant.tenantId()),
                () -> queries.query(new FindTenantProfile(tenant.tenantId()),
                        ResponseTypes.optionalInstanceOf(TenantProfile.class)).join()
                        .map(profile -> profile.status() == TenantStatus.SUSPENDED).orElse(false)));

        signIn(ownerEmail, password);
        wait.until(ExpectedConditions.urlContains("/login?error"));
        wait.until(driver -> visibleText().contains("Organisation suspended"));
        assertThat(visibleText()).contains(
                "Your organisation's access is suspended. Contact the platform administrator.");

        // without the right password nobody learns that the organisation is suspended
        browser.manage().deleteAllCookies();
        signIn(ownerEmail, "not-the-password-1");
        wait.until(ExpectedConditions.urlContains("/login?error"));
        wait.until(driver -> visibleText().contains("Sign-in failed"));
        assertThat(visibleText()).doesNotContain("Organisation suspended");
    }

    private void signIn(String email, String password) {
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

    private void signOut() {
        WebElement signOut = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-button[normalize-space()='Sign out']")));
        signOut.click();
        wait.until(ExpectedConditions.urlContains("/login"));
        waitFor(By.cssSelector("vaadin-login-form"));
    }

    private void onboardThroughDialog(String name, String slug, String ownerName, String ownerEmail,
                                      String password) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("onboard-tenant"))).click();
        type("onboard-name", name);
        type("onboard-slug", slug);
        type("onboard-ownerName", ownerName);
        type("onboard-ownerEmail", ownerEmail);
        type("onboard-ownerPassword", password);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("onboard-submit"))).click();
        // the dialog closes and the new tenant is in the grid
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("onboard-name")));
        wait.until(driver -> gridCellTexts().contains(slug));
    }

    private void type(String fieldId, String value) {
        WebElement input = waitFor(By.cssSelector("#" + fieldId + " input"));
        input.clear();
        input.sendKeys(value, Keys.TAB);
    }

    private WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    @SuppressWarnings("unchecked")
    private List<String> gridCellTexts() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('#tenants vaadin-grid-cell-content'))
                    .map(cell => cell.textContent.trim()).filter(text => text.length > 0);""");
    }

    /** "Label=value" for every field of the organisation profile. */
    @SuppressWarnings("unchecked")
    private List<String> profileFields() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('#organisation-profile vaadin-text-field'))
                    .map(field => field.label + '=' + field.value);""");
    }

    @SuppressWarnings("unchecked")
    private List<String> navigationLabels() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('vaadin-side-nav-item'))
                    .map(item => item.textContent.trim());""");
    }

    /** The text a person sees, including text inside shadow roots (the login form's error lives there). */
    private String visibleText() {
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

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
