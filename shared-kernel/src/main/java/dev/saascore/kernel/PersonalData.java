package dev.saascore.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event field that holds personal data (a name, an e-mail address). The event store keeps it
 * only encrypted with a key of its data subject; erasing that key (crypto-shredding) makes the value
 * unreadable in all of history without rewriting a single event.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** Name of the record component that identifies the data subject (e.g. {@code "ownerId"}). */
    String subject();
}
