package dev.saascore.ui.mail;

import java.time.Instant;

public record OutgoingMail(String to, String subject, String body, Instant sentAt) {
}
