package dev.saascore.ui.infrastructure.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import dev.saascore.kernel.PersonalData;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.UUID;

/**
 * Jackson support for {@link PersonalData}: fields so marked are written sealed with their subject's
 * key; any sealed string is opened again when read (or reads as "[erased]" after crypto-shredding).
 * Registered only on the event serializer, so nothing else in the platform changes shape.
 */
class PersonalDataModule extends SimpleModule {

    PersonalDataModule(PersonalDataCipher cipher) {
        super("personal-data");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                return properties.stream()
                        .map(property -> property.getAnnotation(PersonalData.class) == null ? property
                                : new SealingWriter(property, subjectAccessor(bean.getBeanClass(), property), cipher))
                        .toList();
            }
        });
        addDeserializer(String.class, new OpeningDeserializer(cipher));
    }

    private static Method subjectAccessor(Class<?> type, BeanPropertyWriter property) {
        String subject = property.getAnnotation(PersonalData.class).subject();
        try {
            return type.getMethod(subject);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + "." + property.getName()
                    + " names a subject '" + subject + "' that the type does not have", e);
        }
    }

    private static final class SealingWriter extends BeanPropertyWriter {

        private final Method subjectAccessor;
        private final PersonalDataCipher cipher;

        SealingWriter(BeanPropertyWriter base, Method subjectAccessor, PersonalDataCipher cipher) {
            super(base);
            this.subjectAccessor = subjectAccessor;
            this.cipher = cipher;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator generator, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value == null) {
                super.serializeAsField(bean, generator, provider);
                return;
            }
            UUID subject = UUID.fromString(String.valueOf(subjectAccessor.invoke(bean)));
            generator.writeStringField(getName(), cipher.seal(subject, (String) value));
        }
    }

    private static final class OpeningDeserializer extends StdScalarDeserializer<String> {

        private final PersonalDataCipher cipher;

        OpeningDeserializer(PersonalDataCipher cipher) {
            super(String.class);
            this.cipher = cipher;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            return PersonalDataCipher.isSealed(value) ? cipher.open(value) : value;
        }
    }
}
