package dev.saascore.command.identity;

import dev.saascore.kernel.identity.FindSignInAccount;
import dev.saascore.kernel.identity.SignInAccount;
import dev.saascore.kernel.tenant.TenantRules;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers sign-in lookups from the credential table, which only the command side owns. */
@Component
class SignInAccountQueryHandler {

    private final StaffCredentials credentials;

    SignInAccountQueryHandler(StaffCredentials credentials) {
        this.credentials = credentials;
    }

    @QueryHandler
    Optional<SignInAccount> handle(FindSignInAccount query) {
        return credentials.findForSignIn(TenantRules.normaliseEmail(query.email()));
    }
}
