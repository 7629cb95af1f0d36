package dev.saascore.ui.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ES256 keys that sign access tokens. The newest key signs until it is {@code key-rotation} old; then a
 * new key takes over and the old one stays published (JWKS) for verification until every token it signed
 * has expired. Keys live in {@code auth.signing_key}, so all nodes sign and verify with the same set.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** How long verification trusts its copy of the published keys before reading them again. */
    private static final Duration PUBLISHED_FOR = Duration.ofSeconds(60);
    /** An unknown kid re-reads the keys at most this often (another node may just have rotated). */
    private static final Duration UNKNOWN_KID_REREAD_AFTER = Duration.ofSeconds(5);

    private record Signing(ECKey key, Instant until) {
    }

    private record Published(JWKSet keys, Instant loadedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TokenSettings settings;
    private final KeyVault vault;
    private final Clock clock;
    // both are read on every token issued or verified: kept in memory, not queried per request
    private volatile Signing signing;
    private volatile Published published;

    public SigningKeys(JdbcTemplate jdbc, TokenSettings settings, KeyVault vault, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.vault = vault;
        this.clock = clock;
    }

    /** The key to sign with now, creating (rotating in) a new one when none may sign any longer. */
    public ECKey current() {
        Instant now = clock.instant();
        Signing cached = signing;
        if (cached != null && cached.until().isAfter(now)) {
            return cached.key();
        }
        synchronized (this) {
            List<Signing> stored = jdbc.query("""
                            SELECT private_jwk, sign_until FROM auth.signing_key WHERE sign_until > ?
                            ORDER BY created_at DESC LIMIT 1""",
                    (rs, row) -> new Signing(parse(vault.open(rs.getString(1))), rs.getTimestamp(2).toInstant()),
                    Timestamp.from(now));
            if (stored.isEmpty()) {
                return rotate(now);
            }
            signing = stored.get(0);
            return signing.key();
        }
    }

    /** Public keys of every key whose tokens may still be valid, for verification and the JWKS endpoint. */
    public JWKSet published() {
        Published cached = published;
        if (cached != null && cached.loadedAt().plus(PUBLISHED_FOR).isAfter(clock.instant())) {
            return cached.keys();
        }
        return reloadPublished().keys();
    }

    public JWKSource<SecurityContext> verificationSource() {
        return (selector, context) -> {
            List<JWK> found = selector.select(published());
            Published cached = published;
            if (found.isEmpty() && cached != null
                    && cached.loadedAt().plus(UNKNOWN_KID_REREAD_AFTER).isBefore(clock.instant())) {
                found = selector.select(reloadPublished().keys());
            }
            return found;
        };
    }

    private Published reloadPublished() {
        Instant now = clock.instant();
        Published fresh = new Published(new JWKSet(jdbc.queryForList(
                "SELECT public_jwk FROM auth.signing_key WHERE verify_until > ? ORDER BY created_at DESC",
                String.class, Timestamp.from(now)).stream().map(SigningKeys::parse).map(JWK.class::cast).toList()), now);
        published = fresh;
        return fresh;
    }

    /** Starts signing with a fresh key now; the previous key keeps verifying what it signed. */
    public synchronized ECKey rotate(Instant now) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).issueTime(java.util.Date.from(now)).generate();
            jdbc.update("UPDATE auth.signing_key SET sign_until = ? WHERE sign_until > ?",
                    Timestamp.from(now), Timestamp.from(now));
            Instant signUntil = now.plus(settings.keyRotation());
            jdbc.update("""
                            INSERT INTO auth.signing_key (kid, private_jwk, public_jwk, created_at, sign_until, verify_until)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    key.getKeyID(), vault.seal(key.toJSONString()), key.toPublicJWK().toJSONString(),
                    Timestamp.from(now), Timestamp.from(signUntil), Timestamp.from(signUntil.plus(settings.accessTokenTtl())));
            log.info("New token signing key {} signs until {}", key.getKeyID(), signUntil);
            signing = new Signing(key, signUntil);
            published = null;
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is unreadable", e);
        }
    }
}
