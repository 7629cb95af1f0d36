package dev.saascore.kernel.identity;

import dev.saascore.kernel.UserId;

/**
 * A signed-in person replaces their own password. The edge has already checked the current one; the new
 * one arrives hashed and never enters an event.
 */
public record ChangeOwnPassword(UserId userId, String newPasswordHash) {

    @Override
    public String toString() {
        return "ChangeOwnPassword[userId=" + userId + "]";
    }
}
