package dev.saascore.ui.security;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.PlatformAdministration;
import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every command and query is authorised where it is handled, from its caller metadata. */
class CallerGuardTest {

    private static final TenantId OWN = TenantId.random();
    private static final TenantId OTHER = TenantId.random();

    record RenameSomething(TenantId tenantId) implements TenantScoped {
    }

    record PlatformChore() implements PlatformAdministration {
    }

    record PublicLookup() {
    }

    private final CallerGuard guard = new CallerGuard();

    @Test
    void aTenantCallerMaySendCommandsForItsOwnTenant() throws Exception {
        assertThat(handle(command(new RenameSomething(OWN), owner()))).isEqualTo("handled");
    }

    @Test
    void aCommandForAnotherTenantIsAnsweredNotFound() {
        assertThatThrownBy(() -> handle(command(new RenameSomething(OTHER), owner())))
                .isInstanceOf(CommandExecutionException.class)
                .satisfies(e -> assertThat(((CommandExecutionException) e).getDetails())
                        .contains(Rejection.of(Rejection.NOT_FOUND, "No such tenant.")));
    }

    @Test
    void platformAdministratorsMayActForAnyTenantExplicitly() throws Exception {
        assertThat(handle(command(new RenameSomething(OTHER), Caller.system()))).isEqualTo("handled");
    }

    @Test
    void platformAdministrationIsRefusedToTenantStaff() {
        assertThatThrownBy(() -> handle(command(new PlatformChore(), owner())))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("platform administrators");
    }

    @Test
    void guardedMessagesWithoutACallerAreRefused() {
        assertThatThrownBy(() -> handle(new GenericCommandMessage<>(new RenameSomething(OWN))))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("Sign in first");
    }

    @Test
    void queriesAreGuardedTheSameWay() {
        GenericQueryMessage<RenameSomething, String> query = new GenericQueryMessage<>(
                new RenameSomething(OTHER), ResponseTypes.instanceOf(String.class));
        assertThatThrownBy(() -> handle(query.andMetaData(owner().toMetaData())))
                .isInstanceOf(QueryExecutionException.class).hasMessageContaining("No such tenant");
    }

    @Test
    void unguardedMessagesPassWithoutACaller() throws Exception {
        assertThat(handle(new GenericCommandMessage<>(new PublicLookup()))).isEqualTo("handled");
    }

    private static Caller owner() {
        return new Caller("user-1", OWN, Set.of(Role.OWNER));
    }

    private static Message<?> command(Object payload, Caller caller) {
        return new GenericCommandMessage<>(payload).withMetaData(MetaData.from(caller.toMetaData()));
    }

    private Object handle(Message<?> message) throws Exception {
        DefaultUnitOfWork<Message<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        try {
            return guard.handle(unitOfWork, () -> "handled");
        } finally {
            unitOfWork.rollback();
        }
    }
}
