package dev.saascore.ui.infrastructure.privacy;

import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Seals personal data as {@code pd:v1:<subject>:<base64(iv | AES-GCM ciphertext)>}, the subject id bound
 * in as associated data so a value cannot be moved to another subject. Opening a value whose key was
 * erased gives {@link #ERASED}.
 */
@Component
public class PersonalDataCipher {

    public static final String ERASED = "[erased]";
    static final String PREFIX = "pd:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubjectKeys keys;

    PersonalDataCipher(SubjectKeys keys) {
        this.keys = keys;
    }

    String seal(UUID subject, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, keys.keyForWriting(subject), iv, subject,
                plaintext.getBytes(StandardCharsets.UTF_8));
        return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
    }

    static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    String open(String value) {
        int separator = value.indexOf(':', PREFIX.length());
        UUID subject = UUID.fromString(value.substring(PREFIX.length(), separator));
        Optional<SecretKey> key = keys.find(subject);
        if (key.isEmpty()) {
            return ERASED;
        }
        byte[] packed = Base64.getDecoder().decode(value.substring(separator + 1));
        byte[] iv = java.util.Arrays.copyOf(packed, IV_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(packed, IV_BYTES, packed.length);
        return new String(crypt(Cipher.DECRYPT_MODE, key.get(), iv, subject, sealed), StandardCharsets.UTF_8);
    }

    /** Crypto-shreds everything sealed for this subject. */
    public void erase(UUID subject) {
        keys.erase(subject);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] iv, UUID subject, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }
}
