package dev.saascore.ui.api;

import dev.saascore.ui.security.token.SigningKeys;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The public keys that verify our access tokens, current and recently rotated out. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    Map<String, Object> jwks() {
        return keys.published().toJSONObject(true);
    }
}
