package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.ui.testsupport.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh-token rotation, reuse detection and logout, over HTTP. */
class RefreshTokensIT extends ApiTestSupport {

    private OnboardTenant tenant;
    private JsonNode signedIn;

    @BeforeEach
    void signIn() {
        tenant = onboardTenant("refresh");
        signedIn = signIn(tenant.ownerEmail(), PASSWORD);
    }

    @Test
    void aRefreshRotatesTheRefreshTokenAndIssuesAWorkingAccessToken() {
        Reply refreshed = refresh(signedIn.get("refresh_token").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("refresh_token").asText()).isNotEqualTo(signedIn.get("refresh_token").asText());
        assertThat(refreshed.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(get("/api/me", refreshed.json().get("access_token").asText()).status()).isEqualTo(200);
        assertThat(superuser.queryForObject("SELECT count(*) FROM auth.refresh_token WHERE token_hash = ?",
                Long.class, signedIn.get("refresh_token").asText())).as("only hashes are stored").isZero();
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamilyAndRecordsAnEvent() {
        String first = signedIn.get("refresh_token").asText();
        String second = refresh(first).json().get("refresh_token").asText();
        long events = reuseEvents();

        Reply reuse = refresh(first);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.contentType()).startsWith("application/problem+json");
        assertThat(reuse.json().get("detail").asText()).contains("already used");
        assertThat(refresh(second).status()).as("the legitimate holder's newer token dies too").isEqualTo(401);
        assertThat(reuseEvents()).isEqualTo(events + 1);
    }

    @Test
    void logoutEndsTheSignIn() {
        String token = signedIn.get("refresh_token").asText();
        assertThat(post("/api/auth/logout", json("refresh_token", token), null).status()).isEqualTo(204);
        assertThat(refresh(token).status()).isEqualTo(401);
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        assertThat(refresh("rt_not-a-real-token").status()).isEqualTo(401);
    }

    @Test
    void aSuspendedTenantCannotRefreshNorSignIn() {
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SuspendTenant(tenant.tenantId(), "Unpaid")));

        assertThat(refresh(signedIn.get("refresh_token").asText()).status()).isEqualTo(401);
        Reply signIn = post("/api/auth/token", json("email", tenant.ownerEmail(), "password", PASSWORD), null);
        assertThat(signIn.status()).isEqualTo(401);
        assertThat(signIn.json().get("detail").asText()).contains("suspended");
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() {
        Reply wrong = post("/api/auth/token", json("email", tenant.ownerEmail(), "password", "not-the-password"), null);
        Reply unknown = post("/api/auth/token", json("email", "nobody-" + tenant.slug() + "@x.test", "password",
                "not-the-password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    private Reply refresh(String token) {
        return post("/api/auth/refresh", json("refresh_token", token), null);
    }

    private long reuseEvents() {
        return superuser.queryForObject("""
                SELECT count(*) FROM event_store.domain_event_entry
                WHERE payload_type = 'dev.saascore.kernel.identity.RefreshTokenReuseDetected'""", Long.class);
    }
}
