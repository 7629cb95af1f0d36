package dev.saascore.command.ai.gateway;

import dev.saascore.kernel.money.TokenPrice;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured price of each model; a call's cost is exact at six decimals (rounded only on invoices). */
public final class AiPriceList {

    private record ModelPrice(TokenPrice prompt, TokenPrice completion) {
    }

    private final Map<String, ModelPrice> byModel = new LinkedHashMap<>();

    /** @param prices {@code model=prompt/completion,…} in KWD per 1,000 tokens (see AiGatewayProperties) */
    public AiPriceList(String prices) {
        for (String entry : prices.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] modelAndPrices = entry.trim().split("=", 2);
            String[] promptAndCompletion = modelAndPrices.length == 2 ? modelAndPrices[1].split("/", 2) : new String[0];
            if (promptAndCompletion.length != 2 || modelAndPrices[0].isBlank()) {
                throw new IllegalArgumentException("saas.ai.gateway.prices: '" + entry.trim()
                        + "' is not model=prompt/completion (KWD per 1,000 tokens)");
            }
            try {
                ModelPrice price = new ModelPrice(TokenPrice.of(promptAndCompletion[0].trim()),
                        TokenPrice.of(promptAndCompletion[1].trim()));
                if (byModel.put(modelAndPrices[0].trim(), price) != null) {
                    throw new IllegalArgumentException("saas.ai.gateway.prices: model " + modelAndPrices[0].trim()
                            + " has two prices");
                }
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("saas.ai.gateway.prices: '" + entry.trim() + "' holds no valid prices",
                        notANumber);
            }
        }
    }

    /** The cost of a call; empty when the model has no price (the gateway never serves such a model). */
    public Optional<BigDecimal> costOf(String model, long promptTokens, long completionTokens) {
        return Optional.ofNullable(byModel.get(model)).map(price ->
                price.prompt().costOf(promptTokens).add(price.completion().costOf(completionTokens)));
    }

    /** The models among {@code served} that have no price. */
    public List<String> unpriced(Collection<String> served) {
        return served.stream().filter(model -> !byModel.containsKey(model)).toList();
    }
}
