package dev.saascore.ui.infrastructure.privacy;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.TenantOnboarded;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN.md section 3: personal data sits in events only in a form that crypto-shredding can erase. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataInEventsIT {

    @Autowired @Qualifier("eventSerializer") Serializer events;
    @Autowired PersonalDataCipher cipher;

    private TenantOnboarded onboarded(UserId owner) {
        return new TenantOnboarded(TenantId.random(), "Gulf Traders", "gulf-pd", owner, "Noor Al-Sabah",
                "noor@gulf.test", Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void namesAndEmailAddressesAreStoredSealedAndReadBackAsWritten() {
        TenantOnboarded event = onboarded(UserId.random());
        SerializedObject<byte[]> stored = events.serialize(event, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("Noor").doesNotContain("noor@gulf.test")
                .contains("\"ownerEmail\":\"pd:v1:" + event.ownerId() + ":")
                .contains("\"name\":\"Gulf Traders\"");
        assertThat((Object) events.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void erasingTheSubjectsKeyShredsItsDataEverywhereInHistory() {
        UserId owner = UserId.random();
        SerializedObject<byte[]> stored = events.serialize(onboarded(owner), byte[].class);

        cipher.erase(owner.value());

        TenantOnboarded afterErasure = events.deserialize(stored);
        assertThat(afterErasure.ownerName()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(afterErasure.ownerEmail()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(afterErasure.name()).isEqualTo("Gulf Traders");
        assertThatThrownBy(() -> events.serialize(onboarded(owner), byte[].class))
                .hasStackTraceContaining("was erased");
    }

    @Test
    void aSealedValueCannotBeMovedToAnotherSubject() {
        UserId noor = UserId.random();
        UserId other = UserId.random();
        String sealed = new String(events.serialize(onboarded(noor), byte[].class).getData(), StandardCharsets.UTF_8);
        events.serialize(onboarded(other), byte[].class);
        String forged = sealed.replace("pd:v1:" + noor, "pd:v1:" + other);

        assertThatThrownBy(() -> events.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                forged.getBytes(StandardCharsets.UTF_8), byte[].class, TenantOnboarded.class.getName(), "1")))
                .hasStackTraceContaining("could not be opened");
    }
}
