package dev.saascore.kernel.messaging;

/** Marks a command or query that only platform administrators may send. */
public interface PlatformAdministration {
}
