package dev.saascore.ui.infrastructure;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.annotation.Nonnull;

/**
 * Runs each event handler of a streaming processor's batch inside a savepoint of the batch's transaction. When a
 * handler's SQL fails, PostgreSQL aborts the whole transaction, and the dead-letter queue, which writes in that same
 * transaction, could then not park the event: the segment retried it for ever (issue 15; Axon documents that its
 * dead-letter queues do not cover database errors, AxonFramework#3289). Rolling back to the savepoint undoes only
 * the failed handler's work, so the letter is parked, the rest of the batch commits and the segment moves on
 * (ADR 0009). A retried dead letter is handled in a unit of work of its own inside the retry's transaction; the
 * streaming processors' units of work therefore open a savepoint when a transaction runs already
 * ({@link ProcessorTransactions}), so that unit of work's rollback undoes only its own savepoint instead of marking the retry's transaction rollback-only,
 * which would lose the letter's new cause.
 * <p>
 * Handlers that run inside a command's unit of work (the subscribing {@code command-model} processor) are left
 * alone: their failure fails the command, which rolls back as a whole anyway.
 */
@Component
class EventHandlerSavepoints implements HandlerEnhancerDefinition {

    private final Savepoints savepoints;

    EventHandlerSavepoints(Savepoints savepoints) {
        this.savepoints = savepoints;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                if (!inOwnBatch()) {
                    return super.handle(message, target);
                }
                Transaction savepoint = savepoints.begin();
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error failure) {
                    savepoint.rollback();
                    throw failure;
                }
                savepoint.commit();
                return result;
            }
        };
    }

    /** A processor's batch or a dead-letter retry, in a transaction; not a command's events, handled inside it. */
    private static boolean inOwnBatch() {
        return CurrentUnitOfWork.isStarted()
                && !(CurrentUnitOfWork.get().root().getMessage() instanceof CommandMessage)
                && TransactionSynchronizationManager.isActualTransactionActive();
    }
}
