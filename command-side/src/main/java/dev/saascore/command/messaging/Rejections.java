package dev.saascore.command.messaging;

import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;

import java.util.List;

/**
 * Builds the exceptions command handlers throw when they refuse. The {@link Rejection} rides along as
 * details, so the edge can show field messages whether the command ran locally or through Axon Server.
 */
public final class Rejections {

    private Rejections() {
    }

    public static CommandExecutionException invalidInput(List<FieldViolation> violations) {
        return refuse(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.", violations));
    }

    public static CommandExecutionException conflict(String message) {
        return refuse(Rejection.of(Rejection.CONFLICT, message));
    }

    public static CommandExecutionException conflict(String field, String message) {
        return refuse(new Rejection(Rejection.CONFLICT, message, List.of(new FieldViolation(field, message))));
    }

    public static CommandExecutionException refuse(Rejection rejection) {
        return new CommandExecutionException(rejection.message(), null, rejection);
    }
}
