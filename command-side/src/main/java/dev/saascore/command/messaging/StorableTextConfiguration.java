package dev.saascore.command.messaging;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Every command this node handles passes the {@link StorableTextGuard} before its handler runs. */
@Configuration
class StorableTextConfiguration {

    @Autowired
    void guardCommandText(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new StorableTextGuard());
    }
}
