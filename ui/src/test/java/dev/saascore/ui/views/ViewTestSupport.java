package dev.saascore.ui.views;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.InternalServerError;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.command.ai.gateway.AiCaller;
import dev.saascore.command.ai.gateway.AiGateway;
import dev.saascore.command.ai.gateway.AiPrompt;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.ai.FindAiUsageReport;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TenantFixtures;
import dev.saascore.ui.testsupport.TestDatabase;
import kotlin.jvm.functions.Function0;
import kotlin.jvm.functions.Function1;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Karibu-Testing of the views inside the real application context (real buses, projections and
 * PostgreSQL). Every view test class extends this one, so they all share one cached Spring context, the
 * same one the browser test uses ({@code RANDOM_PORT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ViewTestSupport {

    protected static final String ADMIN_EMAIL = "admin@saas.local";
    protected static final String ADMIN_PASSWORD = "admin-change-me";
    protected static final String OWNER_PASSWORD = "correct-horse-battery";

    /** Scanning the classpath once is enough for every test. */
    private static final Routes ROUTES = new Routes().autoDiscoverViews("dev.saascore.ui.views");
    private static final Function1<FakeHttpSession, FakeRequest> DEFAULT_REQUESTS = MockVaadin.getMockRequestFactory();

    @Autowired protected ApplicationContext context;
    @Autowired protected CommandGateway commands;
    @Autowired protected QueryGateway queries;
    @Autowired protected PasswordEncoder passwords;
    @Autowired protected DaoAuthenticationProvider signIn;
    @Autowired protected AiGateway gateway;

    protected final JdbcTemplate superuser = new JdbcTemplate(TestDatabase.asSuperuser());

    /**
     * Signs the principal in (Spring's SecurityContext, as the web edge does after sign-in) and opens a
     * fresh mocked Vaadin UI for it.
     */
    protected void openUiAs(StaffPrincipal principal) {
        SecurityContext securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(securityContext);
        openUi();
    }

    /**
     * Opens a fresh mocked Vaadin UI for whoever is (or is not) signed in. Its requests carry the signed-in
     * person like a real request behind Spring Security does, which is what Vaadin's access control reads.
     */
    protected void openUi() {
        MockVaadin.setMockRequestFactory(SignedInRequest::new);
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, context, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        MockVaadin.setMockRequestFactory(DEFAULT_REQUESTS);
        SecurityContextHolder.clearContext();
    }

    /** A request whose user is the one in Spring's SecurityContext at the time it is asked. */
    private static final class SignedInRequest extends FakeRequest {

        SignedInRequest(FakeHttpSession session) {
            super(session);
        }

        @Override
        public Principal getUserPrincipal() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.isAuthenticated() ? authentication : null;
        }

        @Override
        public boolean isUserInRole(String role) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role));
        }
    }

    /** Signs in through the real authentication provider, exactly as the login form would. */
    protected StaffPrincipal signedIn(String email, String password) {
        Authentication authentication = signIn.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(email, password));
        return (StaffPrincipal) authentication.getPrincipal();
    }

    protected StaffPrincipal platformAdmin() {
        return signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** The view the router shows right now (the innermost route target). */
    protected static HasElement currentView() {
        List<HasElement> chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        return chain.isEmpty() ? null : chain.get(0);
    }

    /**
     * Navigates and checks that Vaadin's access control refused: the view is not shown and the router
     * reports an {@code AccessDeniedException} (Karibu renders the access-denied error view as an
     * internal-server-error view naming that cause; production shows a "not found" page instead).
     */
    protected static void assertNavigationRefused(Class<? extends Component> view) {
        UI.getCurrent().navigate(view);

        HasElement shown = currentView();
        assertThat(shown).as("the router did not show " + view.getSimpleName()).isNotInstanceOf(view);
        assertThat(shown).isInstanceOf(InternalServerError.class);
        assertThat(BasicUtilsKt.get_errorMessage((InternalServerError) shown))
                .contains("AccessDeniedException");
    }

    /** Whether the component with this id is on the page and visible (Karibu finds only visible ones). */
    protected static boolean isShown(String id) {
        return !LocatorJ._find(Component.class, spec -> spec.withId(id)).isEmpty();
    }

    /** The labels of the frame's navigation, in order. */
    protected static List<String> navigationLabels() {
        List<SideNav> navs = LocatorJ._find(SideNav.class);
        assertThat(navs).hasSize(1);
        return navs.get(0).getItems().stream().map(SideNavItem::getLabel).toList();
    }

    /**
     * Onboards a tenant through the command gateway, as the platform administrator, and waits until its
     * profile, the directory and its team show it.
     */
    protected OnboardTenant onboardTenant(String name, String slug) {
        return TenantFixtures.onboard(commands, queries, new OnboardTenant(TenantId.random(), name, slug,
                UserId.random(), "Owner of " + name, slug + "@owner.test", passwords.encode(OWNER_PASSWORD)));
    }

    protected long eventCount() {
        return superuser.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
    }

    protected static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Everything a person could read in the UI: texts, field labels and field values of every component
     * (dialogs included), as one string.
     */
    protected static String everythingShown() {
        StringBuilder shown = new StringBuilder();
        for (Component component : LocatorJ._find(Component.class)) {
            shown.append(component.getElement().getText()).append('\n');
            if (component instanceof HasLabel labelled && labelled.getLabel() != null) {
                shown.append(labelled.getLabel()).append('\n');
            }
            if (component instanceof HasValue<?, ?> field && field.getValue() != null) {
                shown.append(field.getValue()).append('\n');
            }
            component.getElement().getAttributeNames()
                    .forEach(name -> shown.append(component.getElement().getAttribute(name)).append('\n'));
        }
        return shown.toString();
    }

    /** Sets a tenant's AI limits as the platform administrator does. */
    protected void setAiLimits(TenantId tenant, long monthlyTokenBudget, int requestsPerMinute, int maxConcurrent) {
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SetAiLimits(tenant,
                new AiLimits(monthlyTokenBudget, requestsPerMinute, maxConcurrent), "Limits for a test")));
    }

    /** Asks the offline model through the gateway as the tenant's owner, as the playground would. */
    protected AiAnswer askAsOwner(OnboardTenant tenant, String prompt, int maxTokens) {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> gateway.complete(
                new AiCaller(tenant.tenantId(), tenant.ownerId().toString(), null),
                new AiPrompt("offline-mini", List.of(new ChatMessage("user", prompt)), maxTokens, null)));
    }

    /** Today's recorded AI usage of the tenant (recording is asynchronous: await what you expect). */
    protected AiUsageReport usageToday(TenantId tenant) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return SignedIn.as(SignedIn.owner(tenant), () ->
                queries.query(new FindAiUsageReport(tenant, today, today), AiUsageReport.class).join());
    }
}
