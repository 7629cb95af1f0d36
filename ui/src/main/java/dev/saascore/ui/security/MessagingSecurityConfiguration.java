package dev.saascore.ui.security;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Caller metadata on the way out, the caller guard on the way in, for both buses. */
@Configuration
class MessagingSecurityConfiguration {

    @Autowired
    void secureBuses(CommandBus commandBus, QueryBus queryBus) {
        CallerGuard guard = new CallerGuard();
        commandBus.registerDispatchInterceptor(new CallerMetaDataInterceptor<CommandMessage<?>>());
        commandBus.registerHandlerInterceptor(guard);
        queryBus.registerDispatchInterceptor(new CallerMetaDataInterceptor<QueryMessage<?, ?>>());
        queryBus.registerHandlerInterceptor(guard);
    }
}
