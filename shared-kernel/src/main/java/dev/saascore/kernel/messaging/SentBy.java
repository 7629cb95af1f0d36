package dev.saascore.kernel.messaging;

import dev.saascore.kernel.identity.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tenant roles allowed to send a command (or ask a query). The caller guard refuses everyone else
 * (platform administrators excepted, explicitly, as for every tenant-scoped message). A role not listed
 * here, such as AUDITOR, cannot send it; neither can a caller without roles, such as an API key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SentBy {
    Role[] value();
}
