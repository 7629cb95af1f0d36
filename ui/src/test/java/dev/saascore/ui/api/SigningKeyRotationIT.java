package dev.saascore.ui.api;

import com.nimbusds.jwt.SignedJWT;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.token.SigningKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rotation starts a new signing key; the previous one keeps verifying the tokens it signed. */
class SigningKeyRotationIT extends ApiTestSupport {

    @Autowired SigningKeys keys;

    @Test
    void afterARotationNewTokensUseTheNewKeyAndOldTokensStillWork() throws Exception {
        OnboardTenant tenant = onboardTenant("rotate");
        String before = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        keys.rotate(Instant.now());

        String after = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
        String newKid = SignedJWT.parse(after).getHeader().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(get("/api/me", before).status()).as("old key still verifies").isEqualTo(200);
        assertThat(get("/api/me", after).status()).isEqualTo(200);

        List<String> published = new ArrayList<>();
        get("/.well-known/jwks.json", null).json().get("keys").forEach(key -> {
            published.add(key.get("kid").asText());
            assertThat(key.has("d")).as("no private part is published").isFalse();
        });
        assertThat(published).contains(oldKid, newKid);
    }
}
