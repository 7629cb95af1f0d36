package dev.saascore.ui.views;

import com.vaadin.flow.spring.annotation.SpringComponent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Sends a command, then waits (briefly) until a projection publishes the change it caused, so the list a
 * person sees next already includes it. Projections publish through the QueryUpdateEmitter.
 */
@SpringComponent
class CommandsAwaitingProjections {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final QueryGateway queries;

    CommandsAwaitingProjections(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** For commands no list shows (e.g. unlocking a sign-in). */
    void send(Object command) {
        commands.sendAndWait(command);
    }

    <I, U> void sendAndAwait(Object command, Object query, Class<I> initialType, Class<U> updateType,
                             Predicate<U> showsTheChange) {
        // subscribe before sending, so the update cannot slip past between the two
        try (SubscriptionQueryResult<I, U> subscription = queries.subscriptionQuery(
                query, ResponseTypes.instanceOf(initialType), ResponseTypes.instanceOf(updateType))) {
            subscription.initialResult().block(PROJECTION_WAIT);
            commands.sendAndWait(command);
            // a lagging projection is no failure: the command succeeded, so stop waiting quietly (blockFirst's
            // own timeout would throw, and the view would report an error for a change it had made)
            subscription.updates().filter(showsTheChange).next().timeout(PROJECTION_WAIT, Mono.empty()).block();
        }
    }
}
