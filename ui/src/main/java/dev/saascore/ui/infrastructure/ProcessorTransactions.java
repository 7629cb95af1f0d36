package dev.saascore.ui.infrastructure;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The streaming processors' units of work start a transaction when none runs (a batch, a retry of dead letters) and
 * a savepoint inside one (the unit of work in which a retried letter is handled). Joining instead, as Axon's default
 * does, made a failed retry mark the retry's transaction rollback-only, so the letter's new cause was lost and the
 * retry answered 500. See {@link EventHandlerSavepoints}. The subscribing processor keeps joining its command's
 * transaction.
 */
@Configuration
class ProcessorTransactions {

    @Autowired
    void savepointsInsideTransactions(EventProcessingConfigurer processing, EventProcessorProperties processors,
                                      PlatformTransactionManager transactions, Savepoints savepoints) {
        TransactionManager spring = new SpringTransactionManager(transactions);
        TransactionManager nested = () -> TransactionSynchronizationManager.isActualTransactionActive()
                ? savepoints.begin() : spring.startTransaction();
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getMode() != EventProcessorProperties.Mode.SUBSCRIBING) {
                processing.registerTransactionManager(name, axon -> nested);
            }
        });
    }
}
