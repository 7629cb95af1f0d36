package dev.saascore.command.ai.gateway;

import dev.saascore.command.ai.gateway.AiGatewayRefusal.Kind;
import dev.saascore.command.ai.provider.AiProvider;
import dev.saascore.command.ai.provider.AiProviders;
import dev.saascore.command.ai.provider.ChatCompletion;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.command.ai.provider.ChatRequest;
import dev.saascore.command.ai.provider.DeltaSink;
import dev.saascore.command.ai.provider.ProviderException;
import dev.saascore.command.ai.quota.QuotaStore;
import dev.saascore.command.ai.quota.QuotaStoreUnavailable;
import dev.saascore.command.ai.quota.QuotaUsage;
import dev.saascore.command.ai.quota.Reservation;
import dev.saascore.command.ai.quota.ReserveOutcome;
import dev.saascore.command.ai.tokens.TokenCounter;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiUsageTotals;
import dev.saascore.kernel.ai.UsageMeterId;
import dev.saascore.kernel.messaging.FieldViolation;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one entry point for every AI call, from the API and the playground alike: checks the request, admits it
 * against the tenant's quotas in Redis (a hold of prompt tokens + max_tokens), calls the provider, settles the
 * hold to the actual usage (which also queues the call for recording as {@code AiUsageRecorded}) or refunds it
 * when the provider failed. Refusals are queued as {@code AiRequestRejected}.
 */
public class AiGateway {

    private static final Logger log = LoggerFactory.getLogger(AiGateway.class);
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final int MAX_MESSAGES = 256;

    private final AiProviders providers;
    private final TokenCounter tokens;
    private final QuotaStore quotas;
    private final AdmissionCache admissions;
    private final QueryGateway queries;
    private final UsageSender recorder;
    private final AiPriceList prices;
    private final AiGatewayProperties settings;
    private final Map<UsageMeterId, CompletableFuture<Void>> rebuilds = new ConcurrentHashMap<>();
    private final Clock clock;

    public AiGateway(AiProviders providers, TokenCounter tokens, QuotaStore quotas, AdmissionCache admissions,
                     QueryGateway queries, UsageSender recorder, AiGatewayProperties settings, Clock clock) {
        this.providers = providers;
        this.tokens = tokens;
        this.quotas = quotas;
        this.admissions = admissions;
        this.queries = queries;
        this.recorder = recorder;
        this.prices = new AiPriceList(settings.prices());
        this.settings = settings;
        this.clock = clock;
        List<String> unpriced = prices.unpriced(providers.models());
        if (!unpriced.isEmpty()) {
            throw new IllegalStateException("No price configured (saas.ai.gateway.prices) for served models " + unpriced
                    + ": calls to them could not be billed");
        }
    }

    /** The models callers may ask for. */
    public List<String> models() {
        return providers.models();
    }

    /**
     * How far the tenant is into its current period's budget, for people watching it (the playground): the live
     * Redis counters, or the recorded totals while those are missing or unreachable.
     */
    public AiQuota quota(TenantId tenantId) {
        BillingPeriod period = BillingPeriod.of(clock.instant());
        long budget = admissions.admission(tenantId, null).limits().monthlyTokenBudget();
        try {
            QuotaUsage usage = quotas.usage(tenantId, period);
            if (usage.ready()) {
                return new AiQuota(period, usage.tokensUsed(), usage.tokensReserved(), budget);
            }
        } catch (QuotaStoreUnavailable unavailable) {
            // the recorded totals below lag behind by at most the outbox, which is good enough to look at
        }
        long recorded = queries.query(new FindAiUsageTotals(tenantId, period), AiUsageTotals.class).join().tenantTokens();
        return new AiQuota(period, recorded, 0, budget);
    }

    /** Answers a call in one piece. */
    public AiAnswer complete(AiCaller caller, AiPrompt prompt) {
        Admitted call = admit(caller, prompt, UUID.randomUUID());
        ChatCompletion completion;
        try {
            completion = call.provider.complete(call.request);
        } catch (ProviderException failure) {
            call.refund();
            throw providerRefusal(failure);
        } catch (RuntimeException failure) {
            call.refund();
            throw failure;
        }
        return call.settle(completion, false);
    }

    /**
     * Streams the answer into {@code sink}. Refusals are thrown before the sink sees anything. When the client goes
     * away ({@code sink} throws) or the provider fails after it began, what was streamed so far is charged (the
     * provider produced it) and the rest of the hold is returned.
     *
     * @param requestId chosen by the caller, so the pieces it sends can name the call before it is settled
     */
    public AiAnswer stream(AiCaller caller, AiPrompt prompt, UUID requestId, DeltaSink sink) throws IOException {
        Admitted call = admit(caller, prompt, requestId);
        StringBuilder streamed = new StringBuilder();
        try {
            ChatCompletion completion = call.provider.stream(call.request, delta -> {
                streamed.append(delta);
                sink.accept(delta);
            });
            return call.settle(completion, true);
        } catch (IOException clientGone) {
            call.settlePartial(streamed.toString());
            throw clientGone;
        } catch (ProviderException failure) {
            if (streamed.length() == 0) {
                call.refund();
            } else {
                call.settlePartial(streamed.toString());
            }
            throw providerRefusal(failure);
        } catch (RuntimeException failure) {
            call.refund();
            throw failure;
        }
    }

    private Admitted admit(AiCaller caller, AiPrompt prompt, UUID requestId) {
        AiProvider provider = providerFor(prompt.model());
        List<FieldViolation> violations = new ArrayList<>(messageViolations(prompt.messages()));
        if (prompt.maxTokens() != null && prompt.maxTokens() < 1) {
            violations.add(new FieldViolation("max_tokens", "must be at least 1"));
        }
        if (prompt.temperature() != null && (prompt.temperature() < 0 || prompt.temperature() > 2)) {
            violations.add(new FieldViolation("temperature", "must be between 0 and 2"));
        }
        if (!violations.isEmpty()) {
            throw AiGatewayRefusal.invalid(violations);
        }
        int promptTokens = tokens.promptTokens(prompt.model(), prompt.messages());
        if (promptTokens > settings.maxPromptTokens()) {
            throw AiGatewayRefusal.invalid(List.of(new FieldViolation("messages",
                    "are " + promptTokens + " tokens long; at most " + settings.maxPromptTokens() + " are accepted")));
        }
        int maxTokens = prompt.maxTokens() == null ? settings.maxTokensCeiling()
                : Math.min(prompt.maxTokens(), settings.maxTokensCeiling());
        ChatRequest request = new ChatRequest(prompt.model(), prompt.messages(), maxTokens, prompt.temperature());

        Instant admittedAt = clock.instant();
        BillingPeriod period = BillingPeriod.of(admittedAt);
        AiAdmission admission = admissions.admission(caller.tenantId(), caller.apiKeyId());
        long budget = admission.limits().monthlyTokenBudget();
        Admitted admitted = new Admitted(caller, provider, request, requestId, period, budget, promptTokens, admittedAt);
        if (!admission.tenantActive()) {
            admitted.reject(AiRejectionReason.TENANT_SUSPENDED, "The tenant is suspended.");
            throw new AiGatewayRefusal(Kind.TENANT_SUSPENDED, "Your organisation is suspended; AI calls are refused.",
                    List.of(), AiRejectionReason.TENANT_SUSPENDED, null, null);
        }
        Reservation reservation = new Reservation(caller.tenantId(), period, requestId,
                caller.apiKeyId() == null ? null : caller.apiKeyId().toString(), promptTokens + (long) maxTokens,
                admission.limits(), admission.apiKeyBudget(), settings.reservationTtl());
        try {
            ReserveOutcome outcome = reserveRebuildingIfMissing(reservation);
            if (!outcome.reserved()) {
                AiRejectionReason reason = AiRejectionReason.valueOf(outcome.status().name());
                admitted.reject(reason, describe(outcome.status()));
                throw new AiGatewayRefusal(Kind.QUOTA_EXCEEDED, describe(outcome.status()), List.of(), reason,
                        outcome.retryAfter(), null);
            }
            admitted.reservation = reservation;
        } catch (QuotaStoreUnavailable unavailable) {
            if (!settings.failOpen()) {
                admitted.reject(AiRejectionReason.QUOTA_STORE_UNAVAILABLE, "Quota store unreachable.");
                throw new AiGatewayRefusal(Kind.QUOTA_STORE_UNAVAILABLE,
                        "AI quotas cannot be checked right now, so the call was not made. Try again shortly.",
                        List.of(), AiRejectionReason.QUOTA_STORE_UNAVAILABLE, Duration.ofSeconds(5), unavailable);
            }
            log.warn("Quota store unreachable; admitting request {} unmetered (saas.ai.gateway.fail-open=true)", requestId);
        }
        return admitted;
    }

    private ReserveOutcome reserveRebuildingIfMissing(Reservation reservation) {
        ReserveOutcome outcome = quotas.reserve(reservation);
        if (outcome.status() != ReserveOutcome.Status.COUNTERS_MISSING) {
            return outcome;
        }
        rebuild(new UsageMeterId(reservation.tenantId(), reservation.period()));
        outcome = quotas.reserve(reservation);
        if (outcome.status() == ReserveOutcome.Status.COUNTERS_MISSING) {
            throw new QuotaStoreUnavailable("Quota counters vanished right after their rebuild", null);
        }
        return outcome;
    }

    /**
     * Redis holds a cache of the usage log: rebuilds a tenant's counters for a period from the read model before
     * anything is admitted. One rebuild per tenant and period at a time on this node; callers arriving meanwhile
     * wait for it (a new month or a flush otherwise sends every waiting caller to the database at once). When the
     * recorded totals cannot be read, the counters cannot be trusted: the call fails closed like a Redis outage.
     */
    private void rebuild(UsageMeterId meter) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = rebuilds.putIfAbsent(meter, mine);
        if (running != null) {
            try {
                running.join();
                return;
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
        try {
            if (quotas.usage(meter.tenantId(), meter.period()).ready()) {
                mine.complete(null);  // a rebuild that ended just before this one began did the work
                return;
            }
            AiUsageTotals totals;
            try {
                totals = queries.query(new FindAiUsageTotals(meter.tenantId(), meter.period()), AiUsageTotals.class).join();
            } catch (RuntimeException unreadable) {
                throw new QuotaStoreUnavailable("The recorded AI usage could not be read to rebuild the quota counters",
                        unreadable);
            }
            if (quotas.rebuild(meter.tenantId(), meter.period(), totals)) {
                log.info("Rebuilt AI quota counters of {} from the usage read model ({} tokens)", meter,
                        totals.tenantTokens());
            }
            mine.complete(null);
        } catch (RuntimeException failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            rebuilds.remove(meter, mine);
        }
    }

    private AiProvider providerFor(String model) {
        if (model == null || model.isBlank()) {
            throw AiGatewayRefusal.invalid(List.of(new FieldViolation("model", "is required")));
        }
        return providers.forModel(model).orElseThrow(() -> AiGatewayRefusal.of(Kind.UNKNOWN_MODEL,
                "The model '" + model + "' does not exist or is not offered here; GET /v1/models lists the models."));
    }

    private static List<FieldViolation> messageViolations(List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            return List.of(new FieldViolation("messages", "must hold at least one message"));
        }
        if (messages.size() > MAX_MESSAGES) {
            return List.of(new FieldViolation("messages", "must hold at most " + MAX_MESSAGES + " messages"));
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (message == null || message.role() == null || !ROLES.contains(message.role())) {
                violations.add(new FieldViolation("messages[" + i + "].role", "must be one of " + ROLES.stream().sorted().toList()));
            } else if (message.content() == null) {
                violations.add(new FieldViolation("messages[" + i + "].content", "is required"));
            }
        }
        return violations;
    }

    private static String describe(ReserveOutcome.Status status) {
        switch (status) {
            case TOKEN_BUDGET_EXHAUSTED:
                return "Your organisation's AI token budget for this billing period does not cover this call.";
            case API_KEY_BUDGET_EXHAUSTED:
                return "This API key's token budget for this billing period does not cover this call.";
            case RATE_LIMITED:
                return "Too many AI calls per minute for your organisation.";
            case TOO_MANY_CONCURRENT_REQUESTS:
                return "Too many AI calls in flight at once for your organisation.";
            default:
                return "The call was refused: " + status;
        }
    }

    private static AiGatewayRefusal providerRefusal(ProviderException failure) {
        switch (failure.kind()) {
            case TIMEOUT:
                return new AiGatewayRefusal(Kind.PROVIDER_TIMEOUT, "The AI provider did not answer in time.",
                        List.of(), null, null, failure);
            case RATE_LIMITED:
                return new AiGatewayRefusal(Kind.PROVIDER_BUSY, "The AI provider is busy; try again shortly.",
                        List.of(), null, Duration.ofSeconds(10), failure);
            case REJECTED:
                return new AiGatewayRefusal(Kind.PROVIDER_REJECTED, "The AI provider refused the request: "
                        + failure.getMessage(), List.of(), null, null, failure);
            case MISCONFIGURED:
                log.error("The AI upstream refused our credentials: {}", failure.getMessage());
                return new AiGatewayRefusal(Kind.PROVIDER_FAILED,
                        "The AI provider is not available (configuration problem on our side).", List.of(), null, null, failure);
            default:
                return new AiGatewayRefusal(Kind.PROVIDER_FAILED, "The AI provider failed: " + failure.getMessage(),
                        List.of(), null, null, failure);
        }
    }

    /** One admitted call: its hold (null when admitted unmetered) and what settling it needs. */
    private final class Admitted {
        final AiCaller caller;
        final AiProvider provider;
        final ChatRequest request;
        final UUID requestId;
        final BillingPeriod period;
        final long budget;
        final long promptTokens;
        final Instant admittedAt;
        Reservation reservation;

        Admitted(AiCaller caller, AiProvider provider, ChatRequest request, UUID requestId, BillingPeriod period,
                 long budget, long promptTokens, Instant admittedAt) {
            this.caller = caller;
            this.provider = provider;
            this.request = request;
            this.requestId = requestId;
            this.period = period;
            this.budget = budget;
            this.promptTokens = promptTokens;
            this.admittedAt = admittedAt;
        }

        AiAnswer settle(ChatCompletion completion, boolean streamed) {
            long prompt = completion.usage() != null ? completion.usage().promptTokens() : promptTokens;
            long completionTokens = completion.usage() != null ? completion.usage().completionTokens()
                    : tokens.textTokens(request.model(), completion.content());
            AiCall call = record(prompt, completionTokens, streamed);
            return new AiAnswer(requestId, request.model(), completion.content(), completion.finishReason(),
                    prompt, completionTokens, call.costKwd(), call.latencyMillis());
        }

        void settlePartial(String streamedText) {
            record(promptTokens, tokens.textTokens(request.model(), streamedText), true);
        }

        private AiCall record(long prompt, long completionTokens, boolean streamed) {
            BigDecimal cost = prices.costOf(request.model(), prompt, completionTokens).orElseThrow();
            long latency = Duration.between(admittedAt, clock.instant()).toMillis();
            AiCall call = new AiCall(requestId, caller.actorId(), request.model(), prompt, completionTokens, cost,
                    latency, streamed, admittedAt);
            if (reservation == null) {
                recorder.record(new UsageMeterId(caller.tenantId(), period), budget, List.of(call), List.of());
                return call;
            }
            try {
                quotas.settle(reservation, call, budget);
            } catch (QuotaStoreUnavailable unavailable) {
                // the call happened: record it directly; its hold expires on its own
                log.warn("Quota store unreachable while settling request {}; recording its usage directly", requestId);
                recorder.record(new UsageMeterId(caller.tenantId(), period), budget, List.of(call), List.of());
            }
            return call;
        }

        void refund() {
            if (reservation == null) {
                return;
            }
            try {
                quotas.refund(reservation);
            } catch (QuotaStoreUnavailable unavailable) {
                log.warn("Quota store unreachable while refunding request {}; its hold expires after {}", requestId,
                        settings.reservationTtl());
            }
        }

        void reject(AiRejectionReason reason, String detail) {
            AiRejection rejection = new AiRejection(requestId, caller.actorId(), request.model(), reason, detail, admittedAt);
            if (reason != AiRejectionReason.QUOTA_STORE_UNAVAILABLE) {
                try {
                    quotas.recordRejection(caller.tenantId(), period, budget, rejection);
                    return;
                } catch (QuotaStoreUnavailable unavailable) {
                    // fall through: record it directly
                }
            }
            recorder.record(new UsageMeterId(caller.tenantId(), period), budget, List.of(), List.of(rejection));
        }
    }
}
