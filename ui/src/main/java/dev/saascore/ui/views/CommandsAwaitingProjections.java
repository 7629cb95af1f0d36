package dev.saascore.ui.views;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.annotation.SpringComponent;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
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

    /**
     * Sends and waits like {@link #sendAndAwait}, but answers the platform's refusal instead of throwing it. A
     * refusal that names no field is shown as a notification here; field refusals are for the form to show.
     */
    <I, U> Optional<Rejection> sendOrRefusal(Object command, Object query, Class<I> initialType, Class<U> updateType,
                                             Predicate<U> showsTheChange) {
        try {
            sendAndAwait(command, query, initialType, updateType, showsTheChange);
            return Optional.empty();
        } catch (RuntimeException failure) {
            Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
            if (rejection.violations().isEmpty()) {
                Notification.show(rejection.message(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            return Optional.of(rejection);
        }
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
