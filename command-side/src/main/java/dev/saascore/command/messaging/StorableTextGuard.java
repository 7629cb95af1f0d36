package dev.saascore.command.messaging;

import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.StorableText;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The last line behind the input rules: refuses any command carrying text that PostgreSQL cannot store (NUL, lone
 * surrogates), wherever it sits in the command's records, lists and maps. A rule someone forgot for a new field
 * therefore cannot put an event into the store that stops the projections (issue 15); the field is named in the
 * refusal like any other invalid input. Length and the stricter one-line rules stay with each field's own rules.
 */
class StorableTextGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        List<FieldViolation> violations = violations(unitOfWork.getMessage().getPayload());
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        return chain.proceed();
    }

    /** The fields of the payload holding text that cannot be stored, by their path (e.g. {@code limits.note}). */
    static List<FieldViolation> violations(Object payload) {
        List<FieldViolation> violations = new ArrayList<>();
        if (payload != null && payload.getClass().isRecord()) {
            visitComponents(payload, "", violations);
        }
        return violations;
    }

    private static void visit(Object value, String path, List<FieldViolation> violations) {
        if (value instanceof String text) {
            if (StorableText.problem(text) != null) {
                violations.add(new FieldViolation(path, StorableText.UNSTORABLE));
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                visit(item, path + "[" + index++ + "]", violations);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                visit(key, path, violations);
                visit(item, path + "[" + key + "]", violations);
            });
        } else if (value != null && value.getClass().isRecord()) {
            visitComponents(value, path + ".", violations);
        }
    }

    private static void visitComponents(Object record, String prefix, List<FieldViolation> violations) {
        for (RecordComponent component : COMPONENTS.get(record.getClass())) {
            visit(read(component, record), prefix + component.getName(), violations);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component + " of a command", e);
        }
    }
}
