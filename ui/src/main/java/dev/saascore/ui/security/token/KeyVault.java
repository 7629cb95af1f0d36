package dev.saascore.ui.security.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts private signing keys at rest with AES-GCM under a key derived from SIGNING_KEY_SECRET. Without a
 * secret (local runs) keys are stored as they are, and the start-up log says so.
 */
@Component
class KeyVault {

    private static final Logger log = LoggerFactory.getLogger(KeyVault.class);
    private static final String SEALED = "aesgcm:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    KeyVault(TokenSettings settings) {
        String secret = settings.keyEncryptionSecret();
        if (secret == null || secret.isBlank()) {
            key = null;
            log.warn("SIGNING_KEY_SECRET is not set: token signing keys are stored unencrypted in auth.signing_key");
        } else {
            key = new SecretKeySpec(sha256(secret), "AES");
        }
    }

    String seal(String privateJwk) {
        if (key == null) {
            return privateJwk;
        }
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, privateJwk.getBytes(StandardCharsets.UTF_8));
        return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    }

    String open(String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("Signing keys are encrypted but SIGNING_KEY_SECRET is not set");
        }
        byte[] packed = Base64.getDecoder().decode(stored.substring(SEALED.length()));
        return new String(crypt(Cipher.DECRYPT_MODE, Arrays.copyOf(packed, 12), Arrays.copyOfRange(packed, 12, packed.length)),
                StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A signing key could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
