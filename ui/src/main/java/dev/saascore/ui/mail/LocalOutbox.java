package dev.saascore.ui.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The mail transport until SES is configured: keeps the latest mails in memory for the Outbox view and,
 * when the local outbox is enabled (embedded mode by default), writes them to the log. Mails carry
 * single-use links, so they are logged only where the outbox is meant to be read.
 */
@Component
public class LocalOutbox implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(LocalOutbox.class);
    private static final int KEEP = 200;

    private final Deque<OutgoingMail> latest = new ArrayDeque<>();
    private final boolean enabled;
    private final Clock clock = Clock.systemUTC();

    public LocalOutbox(@Value("${saas.mail.local-outbox:${saas.embedded-mode:false}}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public synchronized void send(String to, String subject, String body) {
        latest.addFirst(new OutgoingMail(to, subject, body, clock.instant()));
        while (latest.size() > KEEP) {
            latest.removeLast();
        }
        if (enabled) {
            log.info("Mail to {} — {}\n{}", to, subject, body);
        } else {
            log.warn("No mail transport is configured: a mail to {} ({}) was not delivered", to, subject);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Newest first. */
    public synchronized List<OutgoingMail> latest() {
        return List.copyOf(latest);
    }
}
