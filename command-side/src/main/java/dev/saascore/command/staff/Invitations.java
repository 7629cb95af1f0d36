package dev.saascore.command.staff;

import java.util.Optional;

/** Pending invitations: one per e-mail address, redeemable once, before they expire. */
public interface Invitations {

    /** Stores the invitation; false when the address already has a pending (unexpired) invitation. */
    boolean add(Invitation invitation);

    /** Marks the invitation with this token hash used and returns it; empty when unknown, used or expired. */
    Optional<Invitation> redeem(String tokenHash);
}
