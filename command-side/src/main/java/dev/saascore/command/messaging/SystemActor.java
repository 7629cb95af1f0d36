package dev.saascore.command.messaging;

import java.util.function.Supplier;

/**
 * Runs work as the platform's own system actor, so that messages sent from background threads (which have no
 * signed-in caller) still carry one. The edge provides it, since it owns the security context.
 */
@FunctionalInterface
public interface SystemActor {
    <T> T call(Supplier<T> work);
}
