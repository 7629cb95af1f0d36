package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.command.ai.tokens.TokenCounter;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.ai.FindAiUsageReport;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.ui.testsupport.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The AI gateway as machine clients meet it: the official OpenAI Java SDK pointed at {@code /v1} with a tenant's
 * API key, plain and streamed, quotas under concurrency, refusals as problem+json.
 */
class AiGatewayIT extends ApiTestSupport {

    private static final String MODEL = "offline-mini";

    @Autowired TokenCounter tokenCounter;

    private OnboardTenant tenant;
    private String ownerToken;

    @BeforeEach
    void onboard() {
        tenant = onboardTenant("ai");
        ownerToken = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
    }

    @Test
    void theOpenAiSdkGetsAPlainAnswerAndTheUsageIsRecordedWithExactTokenCounts() {
        OpenAIClient client = sdk(createKey("ai:invoke"));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(MODEL).addUserMessage("What is 12 * 7?").maxCompletionTokens(64).build());

        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text -> assertThat(text).contains("84"));
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(tokenCounter.promptTokens(MODEL,
                List.of(new ChatMessage("user", "What is 12 * 7?"))));
        assertThat(usage.completionTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());

        AiUsageReport.Breakdown recorded = awaitRecordedUsage(usage.totalTokens());
        assertThat(recorded.model()).isEqualTo(MODEL);
        assertThat(recorded.actorId()).startsWith("apikey:");
        assertThat(recorded.calls()).isEqualTo(1);
        assertThat(recorded.promptTokens()).isEqualTo(usage.promptTokens());
        assertThat(recorded.completionTokens()).isEqualTo(usage.completionTokens());
        assertThat(recorded.costKwd()).isPositive();
    }

    @Test
    void theOpenAiSdkStreamsTheAnswerAndItsUsage() {
        OpenAIClient client = sdk(createKey("ai:invoke"));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL)
                .addUserMessage("Tell me about event sourcing.").maxCompletionTokens(200)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        StringBuilder streamed = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        int[] chunks = {0};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunks[0]++;
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append));
                chunk.usage().ifPresent(usages::add);
            });
        }

        assertThat(chunks[0]).as("pieces, finish and usage chunks").isGreaterThan(3);
        assertThat(streamed.toString()).isNotBlank();
        assertThat(usages).hasSize(1);
        CompletionUsage usage = usages.get(0);
        assertThat(usage.completionTokens()).isEqualTo(tokenCounter.textTokens(MODEL, streamed.toString()));

        AiUsageReport.Breakdown recorded = awaitRecordedUsage(usage.totalTokens());
        assertThat(recorded.promptTokens()).isEqualTo(usage.promptTokens());
        assertThat(recorded.completionTokens()).isEqualTo(usage.completionTokens());
    }

    @Test
    void theModelsAreListedForTheSdk() {
        OpenAIClient client = sdk(createKey("ai:invoke"));

        List<String> ids = client.models().list().data().stream().map(model -> model.id()).toList();

        assertThat(ids).contains(MODEL);
    }

    @Test
    void sixtyFourConcurrentCallersGetExactlyTheCallsTheBudgetAllows() throws Exception {
        int allowed = 7;
        int maxTokens = 8;
        String question = "Write a long essay about quotas.";
        long estimate = tokenCounter.promptTokens(MODEL, List.of(new ChatMessage("user", question))) + maxTokens;
        setLimits(new AiLimits(allowed * estimate, 100_000, 1_000));
        String key = createKey("ai:invoke");
        String body = chatBody(question, maxTokens);

        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return post("/v1/chat/completions", body, key);
            }));
        }
        start.countDown();
        List<Reply> answered = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            answered.add(reply.get());
        }
        pool.shutdown();

        assertThat(answered.stream().filter(reply -> reply.status() == 200)).hasSize(allowed);
        List<Reply> refused = answered.stream().filter(reply -> reply.status() != 200).toList();
        assertThat(refused).hasSize(64 - allowed).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("reason").asText()).isEqualTo("TOKEN_BUDGET_EXHAUSTED");
        });
        AiUsageReport.Breakdown recorded = awaitRecordedUsage(allowed * estimate);
        assertThat(recorded.calls()).isEqualTo(allowed);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(report().rejections()).isEqualTo(64 - allowed));
    }

    @Test
    void aKeysOwnBudgetStopsThatKeyWhileTheTenantsOtherKeysGoOn() {
        String question = "Write a long essay about budgets.";
        long estimate = tokenCounter.promptTokens(MODEL, List.of(new ChatMessage("user", question))) + 8;
        String smallKey = createApiKey(tenant.tenantId(), ownerToken,
                keyRequest("small", "ai:invoke").put("monthly_token_budget", 2 * estimate)).get("api_key").asText();
        String otherKey = createKey("ai:invoke");

        assertThat(post("/v1/chat/completions", chatBody(question, 8), smallKey).status()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", chatBody(question, 8), smallKey).status()).isEqualTo(200);
        Reply refused = post("/v1/chat/completions", chatBody(question, 8), smallKey);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("reason").asText()).isEqualTo("API_KEY_BUDGET_EXHAUSTED");
        assertThat(post("/v1/chat/completions", chatBody(question, 8), otherKey).status()).isEqualTo(200);
    }

    @Test
    void aRateLimitedCallIsRefusedWithRetryAfter() {
        setLimits(new AiLimits(1_000_000, 2, 10));
        String key = createKey("ai:invoke");
        String body = chatBody("Hello", 4);

        assertThat(post("/v1/chat/completions", body, key).status()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", body, key).status()).isEqualTo(200);

        OpenAIClient client = sdk(key);
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(MODEL).addUserMessage("Hello").maxCompletionTokens(4).build()))
                .isInstanceOfSatisfying(RateLimitException.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(429);
                    assertThat(refused.headers().values("Retry-After")).singleElement()
                            .satisfies(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 30L));
                });
    }

    @Test
    void aSuspendedTenantsStaffGetForbiddenAndTheRefusalIsRecorded() {
        String memberToken = staffToken(tenant, Role.MEMBER);
        assertThat(post("/v1/chat/completions", chatBody("Hello", 4), memberToken).status()).isEqualTo(200);

        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SuspendTenant(tenant.tenantId(), "Unpaid")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Reply refused = post("/v1/chat/completions", chatBody("Hello", 4), memberToken);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("reason").asText()).isEqualTo("TENANT_SUSPENDED");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(superuser.queryForObject(
                "SELECT count(*) FROM event_store.domain_event_entry WHERE payload_type LIKE '%AiRequestRejected'"
                        + " AND aggregate_identifier LIKE ?", Long.class, tenant.tenantId() + "/%")).isPositive());
    }

    @Test
    void onlyStaffWhoWorkAndKeysWithTheAiScopeMayCall() {
        String body = chatBody("Hello", 4);
        assertThat(post("/v1/chat/completions", body, null).status()).isEqualTo(401);
        assertThat(post("/v1/chat/completions", body, createKey("usage:read")).status()).isEqualTo(403);
        assertThat(post("/v1/chat/completions", body, staffToken(tenant, Role.AUDITOR)).status()).isEqualTo(403);
        assertThat(post("/v1/chat/completions", body, ownerToken).status()).isEqualTo(200);
        assertThatThrownBy(() -> sdk(createKey("invoices:read")).models().list())
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void badInputIsRefusedWithProblemJsonNamingTheFieldAndNothingIsCharged() {
        String key = createKey("ai:invoke");
        assertInvalid(post("/v1/chat/completions", "{\"model\":\"" + MODEL + "\"}", key), "messages");
        assertInvalid(post("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"wizard\","
                + "\"content\":\"hi\"}]}", key), "messages[0].role");
        assertInvalid(post("/v1/chat/completions", chatBody("hi", 4).replace("\"max_tokens\":4", "\"max_tokens\":\"many\""),
                key), "max_tokens");
        assertInvalid(post("/v1/chat/completions", chatBody("hi", 0), key), "max_tokens");
        assertInvalid(post("/v1/chat/completions", chatBody("hi", 4).replace("{", "{\"temperature\":7,"), key), "temperature");
        assertInvalid(post("/v1/chat/completions", chatBody("hi", 4).replace("{", "{\"n\":3,"), key), "n");
        assertInvalid(post("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + "lorem ipsum ".repeat(20_000) + "\"}]}", key), "messages");
        assertInvalid(post("/v1/chat/completions", "", key), "messages");
        assertInvalid(post("/v1/chat/completions", chatBody("hi", 4).replace("\"content\":\"hi\"", "\"content\":[{\"type\":"
                + "\"image_url\"}]"), key), "messages[0].content");
        Reply malformed = post("/v1/chat/completions", "{\"model\":", key);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Reply notJson = post("/v1/chat/completions", "text/plain", chatBody("hi", 4), key);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        Reply fetched = get("/v1/chat/completions", key);
        assertThat(fetched.status()).isEqualTo(405);
        assertThat(fetched.contentType()).startsWith("application/problem+json");
        Reply unknownModel = post("/v1/chat/completions", chatBody("hi", 4).replace(MODEL, "gpt-17-ultra"), key);
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.contentType()).startsWith("application/problem+json");

        assertThat(superuser.queryForObject("SELECT count(*) FROM event_store.domain_event_entry"
                + " WHERE aggregate_identifier LIKE ?", Long.class, tenant.tenantId() + "/%")).isZero();
    }

    private void assertInvalid(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        reply.json().path("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).as(reply.body()).contains(field);
    }

    private String chatBody(String question, int maxTokens) {
        ObjectNode body = mapper.createObjectNode().put("model", MODEL).put("max_tokens", maxTokens);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return body.toString();
    }

    private void setLimits(AiLimits limits) {
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SetAiLimits(tenant.tenantId(), limits, "Test")));
    }

    private AiUsageReport report() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(
                new FindAiUsageReport(tenant.tenantId(), today.minusDays(1), today.plusDays(1)), AiUsageReport.class).join());
    }

    /** Waits until the read model shows exactly that many tokens for the tenant, in one model × actor row. */
    private AiUsageReport.Breakdown awaitRecordedUsage(long totalTokens) {
        List<AiUsageReport.Breakdown> rows = Collections.synchronizedList(new ArrayList<>());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            AiUsageReport report = report();
            assertThat(report.breakdown()).hasSize(1);
            assertThat(report.breakdown().get(0).totalTokens()).isEqualTo(totalTokens);
            rows.add(report.breakdown().get(0));
        });
        return rows.get(rows.size() - 1);
    }

    private OpenAIClient sdk(String apiKey) {
        return OpenAIOkHttpClient.builder().apiKey(apiKey).baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0).build();
    }

    private String createKey(String... scopes) {
        return createApiKey(tenant.tenantId(), ownerToken, keyRequest("sdk-" + scopes[0], scopes)).get("api_key").asText();
    }
}
