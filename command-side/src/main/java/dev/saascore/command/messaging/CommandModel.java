package dev.saascore.command.messaging;

/**
 * The command side's own lookup tables (tenant registry, credentials) are kept by event handlers of this
 * processing group. It is a subscribing processor: the handlers run inside the command's transaction, so
 * the tables are never behind the events.
 */
public final class CommandModel {

    public static final String PROCESSING_GROUP = "command-model";

    private CommandModel() {
    }
}
