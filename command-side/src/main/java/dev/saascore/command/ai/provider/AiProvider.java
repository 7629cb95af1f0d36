package dev.saascore.command.ai.provider;

import java.io.IOException;
import java.util.List;

/** Something that answers chat completions: the offline provider or an OpenAI-compatible upstream. */
public interface AiProvider {

    /** The model ids this provider serves (for an upstream: its configured allow-list). */
    List<String> models();

    /** @throws ProviderException when the provider fails or refuses (after its own retries) */
    ChatCompletion complete(ChatRequest request);

    /**
     * Streams the answer into {@code sink} as it is produced and returns the whole completion, with the
     * provider's usage when it reported one.
     *
     * @throws ProviderException when the provider fails or refuses
     * @throws IOException       when the sink throws (the client went away); the upstream call is abandoned
     */
    ChatCompletion stream(ChatRequest request, DeltaSink sink) throws IOException;
}
