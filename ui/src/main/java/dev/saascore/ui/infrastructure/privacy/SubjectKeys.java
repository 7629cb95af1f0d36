package dev.saascore.ui.infrastructure.privacy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-subject AES keys ({@code privacy.subject_key}). Keys are cached briefly, and only once their row
 * is committed, so a rolled-back command can never leave a key in the cache that the database lacks.
 */
@Component
class SubjectKeys {

    private static final Duration CACHE_FOR = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Cached(SecretKey key, Instant until) {
    }

    private final JdbcTemplate jdbc;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    SubjectKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The subject's key, created on first use; refuses a subject whose data was erased. */
    SecretKey keyForWriting(UUID subject) {
        return find(subject).orElseGet(() -> {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            jdbc.update("INSERT INTO privacy.subject_key (subject_id, secret) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    subject, secret);
            return find(subject).orElseThrow(() -> new IllegalStateException(
                    "The personal data of subject " + subject + " was erased; it cannot be written again"));
        });
    }

    /** The subject's key, or empty once the subject's data has been erased. */
    Optional<SecretKey> find(UUID subject) {
        Cached cached = cache.get(subject);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Optional.of(cached.key());
        }
        Optional<SecretKey> key = jdbc.query("SELECT secret FROM privacy.subject_key WHERE subject_id = ?",
                        (rs, row) -> rs.getBytes(1), subject).stream()
                .filter(secret -> secret != null)
                .<SecretKey>map(secret -> new SecretKeySpec(secret, "AES"))
                .findFirst();
        key.ifPresent(found -> whenCommitted(() -> cache.put(subject, new Cached(found, Instant.now().plus(CACHE_FOR)))));
        return key;
    }

    /** Crypto-shredding: the key is destroyed, so every sealed value of this subject reads as erased. */
    void erase(UUID subject) {
        jdbc.update("UPDATE privacy.subject_key SET secret = NULL, erased_at = now() WHERE subject_id = ?", subject);
        cache.remove(subject);
        whenCommitted(() -> cache.remove(subject));
    }

    private static void whenCommitted(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
