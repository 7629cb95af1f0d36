package dev.saascore.kernel.apikey;

import java.util.Objects;
import java.util.UUID;

/** Identifies an API key. Its string form is the bare UUID, which Axon uses as the aggregate identifier. */
public record ApiKeyId(UUID value) {

    public ApiKeyId {
        Objects.requireNonNull(value, "api key id");
    }

    public static ApiKeyId random() {
        return new ApiKeyId(UUID.randomUUID());
    }

    public static ApiKeyId of(String value) {
        return new ApiKeyId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
