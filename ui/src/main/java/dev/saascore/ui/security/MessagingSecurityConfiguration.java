package dev.saascore.ui.security;

import dev.saascore.command.messaging.SystemActor;
import dev.saascore.kernel.messaging.MetaDataKeys;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Caller metadata on the way out, the caller guard on the way in, for both buses. */
@Configuration
class MessagingSecurityConfiguration {

    /** Copies the caller from each command onto the events it causes, so history says who acted (static: the
     *  buses below need it before this configuration exists). */
    @Bean
    static CorrelationDataProvider callerOnEvents() {
        return new SimpleCorrelationDataProvider(MetaDataKeys.TENANT_ID, MetaDataKeys.ACTOR_ID, MetaDataKeys.ROLES);
    }

    /** Axon's correlation and causation ids; declared here because our provider replaces Axon's default. */
    @Bean
    static CorrelationDataProvider correlationAndCausation() {
        return new MessageOriginProvider();
    }

    /** Lets background work of the command side (e.g. recording AI usage) send messages as the system actor. */
    @Bean
    SystemActor systemActor() {
        return SystemCaller::call;
    }

    @Autowired
    void secureBuses(CommandBus commandBus, QueryBus queryBus) {
        CallerGuard guard = new CallerGuard();
        commandBus.registerDispatchInterceptor(new CallerMetaDataInterceptor<CommandMessage<?>>());
        commandBus.registerHandlerInterceptor(guard);
        queryBus.registerDispatchInterceptor(new CallerMetaDataInterceptor<QueryMessage<?, ?>>());
        queryBus.registerHandlerInterceptor(guard);
    }
}
