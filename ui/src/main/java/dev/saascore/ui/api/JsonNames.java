package dev.saascore.ui.api;

/** The API speaks snake_case JSON; errors name fields the way clients wrote them. */
final class JsonNames {

    private JsonNames() {
    }

    static String of(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
