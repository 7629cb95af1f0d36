package dev.saascore.ui.messaging;

import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.messaging.HandlerExecutionException;

import java.util.Optional;

/** Reads the {@link Rejection} a handler attached to its refusal, however the gateway wrapped it. */
public final class Refusals {

    private Refusals() {
    }

    public static Optional<Rejection> rejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HandlerExecutionException handlerFailure) {
                Optional<Rejection> rejection = handlerFailure.getDetails()
                        .filter(Rejection.class::isInstance).map(Rejection.class::cast);
                if (rejection.isPresent()) {
                    return rejection;
                }
            }
        }
        return Optional.empty();
    }
}
