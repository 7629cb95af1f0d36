package dev.saascore.kernel.apikey;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may be used for. Events and stored rows use the constant names; the API, tokens
 * ({@code scope} claim) and authorities ({@code SCOPE_<wire name>}) use the wire names.
 */
public enum ApiScope {
    AI_INVOKE("ai:invoke"),
    USAGE_READ("usage:read"),
    INVOICES_READ("invoices:read");

    private final String wireName;

    ApiScope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ApiScope> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(wireName)).findFirst();
    }

    /** An unmodifiable copy in declaration order (so lists, tokens and events always read the same). */
    public static Set<ApiScope> setOf(Collection<ApiScope> scopes) {
        EnumSet<ApiScope> copy = EnumSet.noneOf(ApiScope.class);
        copy.addAll(scopes);
        return Collections.unmodifiableSet(copy);
    }
}
