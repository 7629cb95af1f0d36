package dev.saascore.ui.api;

import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.OnboardTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on every endpoint answers 400 problem+json naming the field, and writes nothing. */
class ApiBadInputIT extends ApiTestSupport {

    private OnboardTenant tenant;
    private String ownerToken;

    @BeforeEach
    void signIn() {
        tenant = onboardTenant("input");
        ownerToken = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
    }

    @Test
    void malformedJsonIsA400Problem() {
        for (String path : new String[] {"/api/auth/token", "/api/auth/refresh", "/api/auth/logout"}) {
            Reply reply = post(path, "{\"email\": ", null);
            assertProblem(reply, 400);
            assertThat(reply.json().get("title").asText()).isEqualTo("Malformed request body");
        }
    }

    @Test
    void missingFieldsAreNamed() {
        assertThat(fields(post("/api/auth/token", "{}", null))).contains("email", "password");
        assertThat(fields(post("/api/auth/refresh", "{}", null))).contains("refresh_token");
        assertThat(fields(post(invitations(), "{}", ownerToken))).contains("email", "role");
    }

    @Test
    void oversizeValuesAreNamed() {
        String huge = "x".repeat(300);
        assertThat(fields(post("/api/auth/token", json("email", huge + "@a.test", "password", "p"), null))).contains("email");
        assertThat(fields(post("/api/auth/refresh", json("refresh_token", huge), null))).contains("refresh_token");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(fields(post(invitations(), "{\"email\":\"a@b.test\",\"role\":42}", ownerToken))).contains("role");
        assertThat(fields(post(invitations(), "{\"email\":\"a@b.test\",\"role\":\"EMPEROR\"}", ownerToken))).contains("role");
        assertThat(fields(post("/api/auth/token", "{\"email\":[1],\"password\":\"p\"}", null))).contains("email");
    }

    @Test
    void anInvalidEmailIsRefusedAndNoInvitationIsWritten() {
        long before = invitationCount();
        assertThat(fields(post(invitations(), json("email", "not-an-address", "role", "MEMBER"), ownerToken))).contains("email");
        assertThat(invitationCount()).isEqualTo(before);
    }

    /** Issue 15: a NUL in a key's name was stored in an event and stopped the api-keys projection for everyone. */
    @Test
    void textThatPostgresqlCannotStoreIsRefusedOnItsFieldAndNothingIsWritten() {
        String keys = "/api/tenants/" + tenant.tenantId() + "/api-keys";
        long eventsBefore = eventCount();

        assertThat(fields(post(keys, keyRequest("bad\u0000name", "ai:invoke").toString(), ownerToken))).containsExactly("name");
        // escaped in the JSON text: a lone surrogate has no UTF-8 form to send it in
        assertThat(fields(post(keys, "{\"name\":\"lone \\uD800 surrogate\",\"scopes\":[\"ai:invoke\"]}", ownerToken)))
                .containsExactly("name");
        assertThat(fields(post(invitations(), json("email", "nul\u0000@staff.test", "role", "MEMBER"), ownerToken)))
                .containsExactly("email");
        String keyId = createApiKey(tenant.tenantId(), ownerToken, keyRequest("good", "ai:invoke")).get("key_id").asText();
        eventsBefore++;
        assertThat(fields(post(keys + "/" + keyId + "/revoke", json("reason", "leaked\u0000"), ownerToken)))
                .containsExactly("reason");

        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aPathIdThatIsNoUuidIsA400Problem() {
        assertProblem(get("/api/tenants/not-a-uuid/profile", ownerToken), 400);
    }

    @Test
    void aMemberCannotInviteButTheOwnerCan() {
        Reply invited = post(invitations(), json("email", "member-" + tenant.slug() + "@staff.test", "role", "MEMBER"), ownerToken);
        assertThat(invited.status()).as(invited.body()).isEqualTo(202);
        String memberEmail = "member-" + tenant.slug() + "@staff.test";
        assertThat(invitationCountFor(memberEmail)).isEqualTo(1);

        Reply platformRole = post(invitations(), json("email", "x-" + tenant.slug() + "@staff.test", "role", "PLATFORM_ADMIN"),
                ownerToken);
        assertProblem(platformRole, 400);
        assertThat(fields(platformRole)).contains("role");

        String memberToken = staffToken(tenant, Role.MEMBER);
        long before = invitationCount();

        Reply refused = post(invitations(), json("email", "y-" + tenant.slug() + "@staff.test", "role", "MEMBER"), memberToken);
        assertProblem(refused, 403);
        assertThat(invitationCount()).isEqualTo(before);
    }

    private String invitations() {
        return "/api/tenants/" + tenant.tenantId() + "/staff/invitations";
    }

    private long eventCount() {
        return superuser.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
    }

    private long invitationCount() {
        return superuser.queryForObject("SELECT count(*) FROM command_model.staff_invitation", Long.class);
    }

    private long invitationCountFor(String email) {
        return superuser.queryForObject("SELECT count(*) FROM command_model.staff_invitation WHERE email = ?", Long.class, email);
    }

    private java.util.List<String> fields(Reply reply) {
        assertProblem(reply, 400);
        java.util.List<String> names = new java.util.ArrayList<>();
        reply.json().path("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
