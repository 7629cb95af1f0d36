package dev.saascore.kernel.apikey;

import java.util.List;

public record ApiKeyList(List<ApiKeySummary> keys) {

    public ApiKeyList {
        keys = List.copyOf(keys);
    }
}
