package dev.saascore.kernel;

import java.util.Objects;
import java.util.UUID;

/** Identifies a tenant. Its string form is the bare UUID, which Axon uses as the aggregate identifier. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
