package dev.saascore.ui.infrastructure;

import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.ui.SaasCoreApplication;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One jar, three roles: each can be switched off by configuration for split deployments. */
class RoleSwitchIT {

    @Test
    void aCommandOnlyNodeHasTheCommandSideAndNeitherProjectionsNorViews() {
        try (ConfigurableApplicationContext node = start("--saas.roles.query=false", "--saas.roles.ui=false")) {
            assertThat(node.containsBean("tenantOnboardingHandler")).isTrue();
            assertThat(node.containsBean("tenantProfileProjection")).isFalse();
            assertThat(node.getBeanNamesForType(com.vaadin.flow.spring.SpringServlet.class)).isEmpty();
            assertThat(node.getBean(CommandBus.class)).isNotNull();
        }
    }

    @Test
    void aQueryOnlyNodeHasProjectionsButNoCommandHandlers() {
        try (ConfigurableApplicationContext node = start("--saas.roles.command=false", "--saas.roles.ui=false")) {
            assertThat(node.containsBean("tenantProfileProjection")).isTrue();
            assertThat(node.containsBean("tenantOnboardingHandler")).isFalse();
            // no command side here, so nothing answers sign-in lookups on this node
            assertThat(node.containsBean("signInAccountQueryHandler")).isFalse();
            // the AI gateway serves wherever the edge runs; the usage meter it records to stays on command nodes
            assertThat(node.containsBean("aiGateway")).isTrue();
            assertThat(node.containsBean("aiUsageRecorder")).isFalse();
            assertThatThrownBy(() -> node.getBean(QueryGateway.class)
                    .query(new ListTenants(), TenantDirectory.class).join())
                    .hasMessageContaining("Sign in first");
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(SaasCoreApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments);
    }
}
