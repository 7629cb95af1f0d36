package dev.saascore.command.messaging;

import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.messaging.StorableText;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorableTextGuardTest {

    record Note(String text) {
    }

    record Command(String name, Note note, List<String> tags, Set<Note> notes, Map<String, String> labels, int count) {
    }

    @Test
    void textAnywhereInACommandThatPostgresqlCannotStoreIsNamedByItsPath() {
        Command command = new Command("a\u0000", new Note("lone \uD800"), List.of("ok", "b\u0000"),
                Set.of(new Note("\u0000")), Map.of("k", "v\u0000"), 3);

        assertThat(StorableTextGuard.violations(command)).extracting(FieldViolation::field)
                .containsExactly("name", "note.text", "tags[1]", "notes[0].text", "labels[k]");
    }

    @Test
    void aCommandWithStorableTextGoesOnToItsHandler() throws Exception {
        Command command = new Command("Acme الكويت 😀", new Note("line\nbreak"), List.of("ok"), Set.of(),
                Map.of("k", "v"), 1);

        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
        try {
            assertThat(new StorableTextGuard().handle(unitOfWork, () -> "handled")).isEqualTo("handled");
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void anUnstorableCommandIsRefusedAsInvalidInputBeforeItsHandler() {
        Command command = new Command("a\u0000", null, List.of(), Set.of(), Map.of(), 0);

        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
        try {
            assertThatThrownBy(() -> new StorableTextGuard().handle(unitOfWork, () -> {
                throw new AssertionError("the handler must not run");
            }))
                .isInstanceOfSatisfying(CommandExecutionException.class, refused -> {
                    Rejection rejection = (Rejection) refused.getDetails().orElseThrow();
                    assertThat(rejection.code()).isEqualTo(Rejection.INVALID_INPUT);
                    assertThat(rejection.violations())
                            .containsExactly(new FieldViolation("name", StorableText.UNSTORABLE));
                });
        } finally {
            unitOfWork.rollback();
        }
    }
}
