package dev.saascore.kernel.messaging;

/** One rejected input field with a message a person can act on. */
public record FieldViolation(String field, String message) {
}
