package dev.saascore.ui.security;

import dev.saascore.kernel.identity.FindSignInAccount;
import dev.saascore.kernel.identity.SignInAccount;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Loads sign-in accounts through the query gateway, like any other client of the platform. */
@Service
public class StaffAccounts {

    private final QueryGateway queries;

    StaffAccounts(QueryGateway queries) {
        this.queries = queries;
    }

    UserDetails loadUserByUsername(String email) {
        return account(email).map(StaffPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    /** True while the account exists, is not deactivated, its tenant is not suspended and its roles are unchanged. */
    public boolean isStillAsSignedIn(SignInAccount signedIn) {
        return account(signedIn.email()).filter(now -> now.userId().equals(signedIn.userId()))
                .map(now -> now.active() && now.tenantActive() && now.roles().equals(signedIn.roles())).orElse(false);
    }

    /** The account behind an e-mail address, if any. */
    public Optional<SignInAccount> account(String email) {
        return queries.query(new FindSignInAccount(email), ResponseTypes.optionalInstanceOf(SignInAccount.class)).join();
    }
}
