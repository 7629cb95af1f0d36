package dev.saascore.ui.infrastructure.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's event serializer: Jackson, like every other serializer here, plus personal-data sealing. */
@Configuration
class EventSerializerConfiguration {

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper, PersonalDataCipher cipher) {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper.copy().registerModule(new PersonalDataModule(cipher)))
                .build();
    }
}
