package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import org.axonframework.messaging.HandlerExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Every API error as RFC 9457 problem+json: bad input names its field (in {@code errors}), a platform
 * refusal keeps its code, and nothing leaks a stack trace. Spring MVC's own exceptions (wrong media type,
 * unknown path, a path id that is no UUID …) come out the same way through the base class.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldViolation(JsonNames.of(error.getField()), error.getDefaultMessage())).toList();
        return invalid(violations);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return unreadable(unreadable.getCause());
    }

    /** A body that is no JSON, or JSON of which a field has the wrong type: the field is named when known. */
    public static ResponseEntity<Object> unreadable(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(reference -> reference.getFieldName() != null
                    ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
            List<FieldViolation> violations = List.of(new FieldViolation(field, "has the wrong type or format"));
            return invalid(violations);
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", "The body is not valid JSON.", List.of());
    }

    @ExceptionHandler({HandlerExecutionException.class, CompletionException.class})
    ResponseEntity<Object> refused(RuntimeException failure) {
        Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
        HttpStatus status = switch (rejection.code()) {
            case Rejection.INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case Rejection.FORBIDDEN -> HttpStatus.FORBIDDEN;
            case Rejection.NOT_FOUND -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.CONFLICT;
        };
        // handlers name fields as the messages do (camelCase); the API speaks snake_case
        return problem(status, rejection.code(), rejection.message(), rejection.violations().stream()
                .map(v -> new FieldViolation(JsonNames.of(v.field()), v.message())).toList());
    }

    @ExceptionHandler(BadInput.class)
    ResponseEntity<Object> badInput(BadInput bad) {
        return invalid(bad.violations);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException failure) {
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", failure.getMessage(), List.of());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound missing) {
        return problem(HttpStatus.NOT_FOUND, "Not found", missing.getMessage(), List.of());
    }

    /** Thrown by controllers for input that bean validation cannot judge alone; fields named as in the JSON. */
    public static class BadInput extends RuntimeException {
        private final transient List<FieldViolation> violations;

        public BadInput(List<FieldViolation> violations) {
            super(describe(violations));
            this.violations = List.copyOf(violations);
        }

        BadInput(String field, String message) {
            this(List.of(new FieldViolation(field, message)));
        }
    }

    /** Thrown by controllers for a resource that does not exist (or is not the caller's to see). */
    static class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    public static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<Object> invalid(List<FieldViolation> violations) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(violations), violations);
    }

    private static String describe(List<FieldViolation> violations) {
        return violations.stream().map(v -> "'" + v.field() + "' " + v.message()).collect(Collectors.joining("; "));
    }

}
