package dev.saascore.kernel.apikey;

/**
 * Looks up the key behind a presented secret (by its SHA-256 hash) when a request authenticates, before any
 * tenant is known. Sent only by the API's authentication; answered by the command side.
 */
public record FindApiKeyForAuthentication(String secretHash) {

    @Override
    public String toString() {
        return "FindApiKeyForAuthentication[<redacted>]";
    }
}
