package dev.saascore.command.ai.provider;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.saascore.command.ai.provider.ProviderException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upstream as the gateway meets it: answers, streams, overload, refusals and silence, played by WireMock. */
class OpenAiCompatibleProviderTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final String PATH = "/v1/chat/completions";
    private static final ChatRequest REQUEST = new ChatRequest("gpt-4o-mini",
            List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi")), 50, 0.2);
    private static final String ANSWER = """
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini-2024-07-18",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello there!"},
                          "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 19, "completion_tokens": 3, "total_tokens": 22}}""";

    @RegisterExtension
    static final WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private final List<Duration> waits = new ArrayList<>();

    @Test
    void a_plain_call_sends_the_key_and_the_request_and_maps_the_answer() {
        upstream.stubFor(post(PATH).willReturn(json(200, ANSWER)));

        ChatCompletion completion = provider().complete(REQUEST);

        assertThat(completion).isEqualTo(new ChatCompletion("gpt-4o-mini", "Hello there!", "stop",
                new ProviderUsage(19, 3)));
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"model": "gpt-4o-mini", "max_tokens": 50, "temperature": 0.2,
                         "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}""")));
    }

    @Test
    void without_a_key_no_authorization_is_sent_and_a_missing_temperature_is_left_to_the_upstream() {
        upstream.stubFor(post(PATH).willReturn(json(200, ANSWER)));

        provider(settings("", Duration.ofSeconds(5)))
                .complete(new ChatRequest("gpt-4o-mini", REQUEST.messages(), 50, null));

        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)).withoutHeader("Authorization")
                .withRequestBody(equalToJson("""
                        {"model": "gpt-4o-mini", "max_tokens": 50,
                         "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}""")));
    }

    @Test
    void for_upstreams_that_refuse_max_tokens_the_cap_goes_as_max_completion_tokens_instead() {
        upstream.stubFor(post(PATH).willReturn(json(200, ANSWER)));

        provider(settings(KEY, Duration.ofSeconds(5), AiProviderProperties.MAX_COMPLETION_TOKENS)).complete(REQUEST);

        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model": "gpt-4o-mini", "max_completion_tokens": 50, "temperature": 0.2,
                 "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}""")));
    }

    @Test
    void a_cap_parameter_the_upstream_api_does_not_have_is_refused_at_start() {
        assertThatThrownBy(() -> settings(KEY, Duration.ofSeconds(5), "maxTokens"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_tokens or max_completion_tokens");
    }

    @Test
    void a_stream_passes_each_delta_on_and_takes_the_usage_from_the_last_chunk() throws IOException {
        upstream.stubFor(post(PATH).willReturn(sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}",
                delta("Hel"), delta("lo"), delta(" there!"),
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":null},\"finish_reason\":\"length\"}],\"usage\":null}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":3,\"total_tokens\":22}}",
                "[DONE]")));
        List<String> deltas = new ArrayList<>();

        ChatCompletion completion = provider().stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactly("Hel", "lo", " there!");
        assertThat(completion).isEqualTo(new ChatCompletion("gpt-4o-mini", "Hello there!", "length",
                new ProviderUsage(19, 3)));
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    }

    @Test
    void a_stream_without_usage_reports_none_so_the_gateway_counts_itself() throws IOException {
        upstream.stubFor(post(PATH).willReturn(sse(delta("Hello"), finish("stop"), "[DONE]")));

        ChatCompletion completion = provider().stream(REQUEST, delta -> { });

        assertThat(completion).isEqualTo(new ChatCompletion("gpt-4o-mini", "Hello", "stop", null));
    }

    @Test
    void a_stream_arriving_in_small_pieces_is_put_back_together() throws IOException {
        String[] words = "the answer arrives split at arbitrary bytes, even inside ümlauts and 🦜 emoji".split(" ");
        List<String> events = new ArrayList<>(Arrays.stream(words).map(word -> delta(word + " ")).toList());
        events.addAll(List.of(finish("stop"), "[DONE]"));
        upstream.stubFor(post(PATH).willReturn(sse(events.toArray(String[]::new)).withChunkedDribbleDelay(40, 100)));
        StringBuilder received = new StringBuilder();

        ChatCompletion completion = provider().stream(REQUEST, received::append);

        String expected = Arrays.stream(words).map(word -> word + " ").collect(Collectors.joining());
        assertThat(received).hasToString(expected);
        assertThat(completion.content()).isEqualTo(expected);
    }

    @Test
    void a_rate_limited_call_waits_as_the_upstream_asks_and_tries_again() {
        upstream.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}").withHeader("Retry-After", "2"))
                .willSetStateTo("recovered"));
        upstream.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("recovered")
                .willReturn(json(200, ANSWER)));

        assertThat(provider().complete(REQUEST).content()).isEqualTo("Hello there!");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        upstream.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_call_rate_limited_on_every_try_is_rate_limited_and_long_retry_after_is_capped() {
        upstream.stubFor(post(PATH).willReturn(json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}")
                .withHeader("Retry-After", "600")));

        assertThatThrownBy(() -> provider().complete(REQUEST)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.getMessage()).contains("Rate limit reached");
        });
        assertThat(waits).containsExactly(Duration.ofSeconds(8), Duration.ofSeconds(8));
        upstream.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void an_overloaded_upstream_is_tried_with_growing_waits_and_then_unavailable() {
        upstream.stubFor(post(PATH).willReturn(json(503, "{\"error\":{\"message\":\"The engine is overloaded\"}}")));

        assertThatThrownBy(() -> provider().complete(REQUEST)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("503", "The engine is overloaded");
        });
        // 100 ms, then 200 ms, each half fixed and half jitter (0.5 here)
        assertThat(waits).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
        upstream.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_reset_connection_is_tried_again() {
        upstream.stubFor(post(PATH).inScenario("reset").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("stable"));
        upstream.stubFor(post(PATH).inScenario("reset").whenScenarioStateIs("stable").willReturn(json(200, ANSWER)));

        assertThat(provider().complete(REQUEST).content()).isEqualTo("Hello there!");
        upstream.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void an_unreachable_upstream_is_unavailable_after_every_try() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAiCompatibleProvider provider = provider(new AiProviderProperties("http://127.0.0.1:" + closedPort + "/v1",
                KEY, List.of("gpt-4o-mini"), Duration.ofSeconds(1), Duration.ofSeconds(5), 3, Duration.ofMillis(100),
                Duration.ofSeconds(8), AiProviderProperties.MAX_TOKENS));

        assertThatThrownBy(() -> provider.complete(REQUEST)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(waits).hasSize(2);
    }

    @Test
    void a_malformed_answer_is_tried_again_and_then_unavailable() {
        upstream.stubFor(post(PATH).willReturn(json(200, "<html>gateway error</html>")));

        assertThatThrownBy(() -> provider().complete(REQUEST)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        upstream.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void refused_credentials_are_misconfiguration_not_retried_and_never_show_the_key() {
        upstream.stubFor(post(PATH).willReturn(json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"code\":\"invalid_api_key\"}}")));

        assertThatThrownBy(() -> provider().complete(REQUEST)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
            assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain(KEY);
        });
        assertThat(waits).isEmpty();
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_rejected_request_carries_the_upstreams_reason() {
        upstream.stubFor(post(PATH).willReturn(json(400, """
                {"error": {"message": "This model's maximum context length is 128000 tokens.",
                           "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}""")));

        assertThatThrownBy(() -> provider().complete(REQUEST)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.getMessage()).contains("400", "This model's maximum context length is 128000 tokens.");
        });
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_stream_refused_before_it_starts_is_rejected_as_well() {
        upstream.stubFor(post(PATH).willReturn(json(404, "{\"error\":{\"message\":\"The model does not exist\"}}")));

        assertThatThrownBy(() -> provider().stream(REQUEST, delta -> { }))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("The model does not exist");
                });
    }

    @Test
    void an_answer_slower_than_the_request_timeout_times_out_without_another_try() {
        upstream.stubFor(post(PATH).willReturn(json(200, ANSWER).withFixedDelay(3_000)));

        assertThatThrownBy(() -> provider(settings(KEY, Duration.ofMillis(200))).complete(REQUEST))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_stream_that_stalls_times_out_after_what_it_sent() {
        upstream.stubFor(post(PATH).willReturn(sse(delta("Hello"), delta(" again"), finish("stop"), "[DONE]")
                .withChunkedDribbleDelay(2, 6_000)));
        List<String> deltas = new ArrayList<>();

        assertThatThrownBy(() -> provider(settings(KEY, Duration.ofMillis(500))).stream(REQUEST, deltas::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(String.join("", deltas)).isIn("", "Hello");
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_stream_may_last_longer_than_the_request_timeout_while_data_keeps_coming() throws IOException {
        // the request timeout bounds each pause (about 0.1 s here), not the whole stream (about 2.5 s)
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(delta(i + " "));
        }
        events.addAll(List.of(finish("stop"), "[DONE]"));
        upstream.stubFor(post(PATH).willReturn(sse(events.toArray(String[]::new)).withChunkedDribbleDelay(20, 2_500)));

        ChatCompletion completion = provider(settings(KEY, Duration.ofSeconds(1))).stream(REQUEST, delta -> { });

        assertThat(completion.content()).startsWith("0 1 2 ").endsWith(" 19 ");
    }

    @Test
    void a_stream_is_tried_again_while_the_caller_has_seen_nothing() throws IOException {
        upstream.stubFor(post(PATH).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(json(502, "bad gateway")).willSetStateTo("ready"));
        upstream.stubFor(post(PATH).inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(sse(delta("Hi"), finish("stop"), "[DONE]")));

        assertThat(provider().stream(REQUEST, delta -> { }).content()).isEqualTo("Hi");
        upstream.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_stream_that_breaks_after_the_caller_saw_part_of_it_is_not_tried_again() {
        // the connection ends after two deltas: no finish reason, no [DONE]
        upstream.stubFor(post(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: " + delta("Half") + "\n\ndata: " + delta(" an answer") + "\n\n")));
        List<String> deltas = new ArrayList<>();

        assertThatThrownBy(() -> provider().stream(REQUEST, deltas::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(deltas).containsExactly("Half", " an answer");
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_client_that_goes_away_stops_the_stream() {
        upstream.stubFor(post(PATH).willReturn(sse(delta("one"), delta("two"), delta("three"), finish("stop"),
                "[DONE]")));
        List<String> deltas = new ArrayList<>();

        assertThatThrownBy(() -> provider().stream(REQUEST, delta -> {
            deltas.add(delta);
            if (deltas.size() == 2) {
                throw new IOException("client went away");
            }
        })).isInstanceOf(IOException.class).hasMessage("client went away");
        assertThat(deltas).containsExactly("one", "two");
        upstream.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void serves_only_the_allow_listed_models() {
        assertThat(provider().models()).containsExactly("gpt-4o-mini", "gpt-4o");
    }

    private OpenAiCompatibleProvider provider() {
        return provider(settings(KEY, Duration.ofSeconds(5)));
    }

    private OpenAiCompatibleProvider provider(AiProviderProperties settings) {
        return new OpenAiCompatibleProvider(settings, waits::add, () -> 0.5);
    }

    private static AiProviderProperties settings(String key, Duration requestTimeout) {
        return settings(key, requestTimeout, AiProviderProperties.MAX_TOKENS);
    }

    private static AiProviderProperties settings(String key, Duration requestTimeout, String maxTokensParameter) {
        return new AiProviderProperties(upstream.baseUrl() + "/v1/", key, List.of("gpt-4o-mini", "gpt-4o"),
                Duration.ofSeconds(1), requestTimeout, 3, Duration.ofMillis(100), Duration.ofSeconds(8),
                maxTokensParameter);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String... events) {
        String body = Arrays.stream(events).map(event -> "data: " + event + "\n\n").collect(Collectors.joining());
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static String delta(String content) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
    }

    private static String finish(String reason) {
        return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";
    }
}
