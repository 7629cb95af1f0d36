package dev.saascore.command.ai.provider;

import dev.saascore.command.ai.tokens.TokenCounter;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The providers the gateway can route to: the offline models always, the OpenAI-compatible upstream when
 * {@code saas.ai.upstream.base-url} is set. A model is served by the first provider that lists it, so an upstream
 * model named like an offline one cannot shadow it.
 */
@Component
public class AiProviders {

    private final List<AiProvider> providers;

    public AiProviders(AiProviderProperties settings, TokenCounter tokens) {
        List<AiProvider> all = new ArrayList<>();
        all.add(new OfflineProvider(tokens));
        if (settings.upstreamEnabled()) {
            all.add(new OpenAiCompatibleProvider(settings));
        }
        this.providers = List.copyOf(all);
    }

    /** The provider serving {@code model}; empty for a model no provider offers (the caller's mistake). */
    public Optional<AiProvider> forModel(String model) {
        return providers.stream().filter(provider -> provider.models().contains(model)).findFirst();
    }

    /** Every model callers may use, offline ones first. */
    public List<String> models() {
        return providers.stream().flatMap(provider -> provider.models().stream()).distinct().toList();
    }
}
