package dev.saascore.kernel.staff;

/**
 * Accepts an invitation: the token (as its hash) is the authority, so no signed-in caller is needed.
 * The password arrives hashed and becomes a credential, never part of an event.
 */
public record AcceptInvitation(String tokenHash, String displayName, String passwordHash) {

    @Override
    public String toString() {
        return "AcceptInvitation[<redacted>]";
    }
}
