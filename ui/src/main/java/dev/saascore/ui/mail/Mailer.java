package dev.saascore.ui.mail;

/** Sends mail to people (invitations today). The SES transport comes with the documents-and-mail issue. */
public interface Mailer {

    void send(String to, String subject, String body);
}
