package dev.saascore.command.ai.provider;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.saascore.command.ai.tokens.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Which provider answers which model, as configured under saas.ai.upstream. */
class AiProvidersTest {

    @RegisterExtension
    static final WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AiProviderConfiguration.class, AiProviders.class, TokenCounter.class);

    @Test
    void without_an_upstream_only_the_offline_models_are_offered() {
        context.run(started -> {
            AiProviders providers = started.getBean(AiProviders.class);

            assertThat(providers.models()).containsExactly("offline-mini", "offline-large");
            assertThat(providers.forModel("offline-large")).containsInstanceOf(OfflineProvider.class);
            assertThat(providers.forModel("gpt-4o")).isEmpty();
        });
    }

    @Test
    void allow_listed_models_go_to_the_upstream_and_others_nowhere() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"choices": [{"message": {"role": "assistant", "content": "from upstream"},
                                      "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 8, "completion_tokens": 2}}""")));

        context.withPropertyValues("saas.ai.upstream.base-url=" + upstream.baseUrl() + "/v1",
                        "saas.ai.upstream.models=gpt-4o-mini, gpt-4o, offline-mini")
                .run(started -> {
                    AiProviders providers = started.getBean(AiProviders.class);

                    assertThat(providers.models()).containsExactly("offline-mini", "offline-large", "gpt-4o-mini",
                            "gpt-4o");
                    assertThat(providers.forModel("offline-mini")).containsInstanceOf(OfflineProvider.class);
                    assertThat(providers.forModel("gpt-4")).isEmpty();
                    ChatCompletion answer = providers.forModel("gpt-4o").orElseThrow().complete(new ChatRequest(
                            "gpt-4o", List.of(new ChatMessage("user", "hi")), 10, null));
                    assertThat(answer.content()).isEqualTo("from upstream");
                    upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o"))));
                });
    }

    @Test
    void settings_have_defaults_and_never_print_the_key() {
        context.withPropertyValues("saas.ai.upstream.base-url=https://api.example.com/v1",
                        "saas.ai.upstream.api-key=sk-secret-value", "saas.ai.upstream.models=gpt-4o")
                .run(started -> {
                    AiProviderProperties settings = started.getBean(AiProviderProperties.class);

                    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(settings.maxAttempts()).isEqualTo(3);
                    assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(500));
                    assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
                    assertThat(settings.apiKey()).isEqualTo("sk-secret-value");
                    assertThat(settings.toString()).doesNotContain("sk-secret-value");
                });
    }

    @Test
    void an_upstream_without_allowed_models_stops_the_start() {
        context.withPropertyValues("saas.ai.upstream.base-url=https://api.example.com/v1")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasRootCauseMessage("saas.ai.upstream.base-url is set but saas.ai.upstream.models is empty: "
                                + "list the upstream models callers may use"));
    }
}
