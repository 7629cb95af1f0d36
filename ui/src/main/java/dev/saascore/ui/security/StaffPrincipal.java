package dev.saascore.ui.security;

import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.identity.SignInAccount;
import dev.saascore.kernel.messaging.Caller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** The signed-in person as Spring Security sees it. Roles become {@code ROLE_<name>} authorities. */
public class StaffPrincipal implements UserDetails {

    private final SignInAccount account;

    public StaffPrincipal(SignInAccount account) {
        this.account = account;
    }

    public SignInAccount account() {
        return account;
    }

    public Caller caller() {
        return new Caller(account.userId().toString(), account.tenantId(), account.roles());
    }

    public boolean hasRole(Role role) {
        return account.roles().contains(role);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<SimpleGrantedAuthority> authorities = account.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        return authorities;
    }

    @Override
    public String getPassword() {
        return account.passwordHash();
    }

    @Override
    public String getUsername() {
        return account.email();
    }

    /** Deactivated staff are refused (checked only after the password matched). */
    @Override
    public boolean isEnabled() {
        return account.active();
    }

    /** A suspended tenant's staff are locked out (checked only after the password matched). */
    @Override
    public boolean isAccountNonLocked() {
        return account.tenantActive();
    }
}
