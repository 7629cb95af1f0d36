package dev.saascore.kernel;

import java.util.Objects;
import java.util.UUID;

/** Identifies a person who signs in (tenant staff or platform staff). */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    public static UserId of(String value) {
        return new UserId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
