package dev.saascore.kernel.identity;

/** Looks up the account behind an e-mail address at sign-in. Sent only by the sign-in edge. */
public record FindSignInAccount(String email) {

    @Override
    public String toString() {
        return "FindSignInAccount[email=<redacted>]";
    }
}
