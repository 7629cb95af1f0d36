package dev.saascore.kernel.ai;

import java.util.Map;

/** @param tokensByApiKey tokens recorded per API key id (text form), only for keys that used any */
public record AiUsageTotals(long tenantTokens, Map<String, Long> tokensByApiKey) {

    public AiUsageTotals {
        tokensByApiKey = Map.copyOf(tokensByApiKey);
    }
}
