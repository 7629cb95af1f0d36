package dev.saascore.command.ai.quota;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.UsageMeterId;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The gateway's quotas in one Redis (standalone or behind Sentinel), each operation one Lua script run with
 * EVALSHA: one round trip, atomic, timed by Redis's own clock.
 *
 * <h2>Key layout</h2>
 * Every key starts with the configured prefix ({@code saas:ai:} by default); a tenant's keys carry its id as a
 * hash tag ({@code {<tenant>}}), so they would share a cluster slot and only the outbox would need splitting.
 * <ul>
 *   <li>{@code <prefix>{<tenant>}:<period>} (hash) — the period's counters: {@code used}, {@code reserved},
 *       {@code key:<api key id>:used}, {@code key:<api key id>:reserved}, and {@code ready} once they were
 *       rebuilt from the recorded usage. Expires six weeks after the period ends.</li>
 *   <li>{@code <prefix>{<tenant>}:inflight} (sorted set) — request ids of calls in flight, scored by when their
 *       hold expires (ms since the epoch); {@code <prefix>{<tenant>}:holds} (hash) — each hold's
 *       {@code <estimate>|<period>|<api key id>}. They never expire by themselves: an expired hold still counts in
 *       {@code reserved} until a reserve or usage query of the tenant releases it.</li>
 *   <li>{@code <prefix>{<tenant>}:rate} (string) — the tenant's GCRA state: the theoretical arrival time (µs).</li>
 *   <li>{@code <prefix>usage-outbox} (stream, consumer group {@value #CONSUMER_GROUP}) — settled calls and refusals
 *       until they are recorded as events. A settle writes the counters and the outbox in one script, so this
 *       store needs one Redis, not a cluster (the outbox is not in the tenants' slots).</li>
 * </ul>
 *
 * <h2>Overshoot bound</h2>
 * A reserve admits a call only while {@code used + reserved + estimate ≤ budget}, and its estimate stays in
 * {@code reserved} until the call is settled. When every call uses at most its estimate (the upstream enforces
 * max_tokens) the tenant and key budgets are never exceeded, whatever the concurrency. A call that uses more than its
 * estimate is still counted, so the overshoot is at most the sum of {@code actual − estimate} over the calls in
 * flight at the same time (at most maxConcurrentRequests of them). Two things widen it, and the gateway must rule
 * them out: a call outliving its hold (its estimate is handed back while it runs, so the hold ttl must exceed the
 * longest call), and calls in flight while Redis loses its data (their holds are gone with it).
 *
 * <p>A settle counts its call even when the hold is gone, so the gateway settles or refunds each request once: a
 * second settle would count the call twice. Refunding twice, or after a settle, changes nothing.
 */
public class RedisQuotaStore implements QuotaStore {

    public static final String DEFAULT_KEY_PREFIX = "saas:ai:";
    static final String CONSUMER_GROUP = "usage-meter";

    /** Late settles of calls admitted just before a period ended, and last month's figures, still find them. */
    private static final Duration COUNTERS_KEPT_AFTER_PERIOD = Duration.ofDays(42);
    /** A tenant at its concurrency limit waits for one of its calls to end; calls are typically seconds long. */
    private static final Duration CONCURRENCY_RETRY = Duration.ofSeconds(1);

    private static final RedisScript<List<Object>> RESERVE = listScript("holds", "reserve");
    private static final RedisScript<Long> SETTLE = script(Long.class, "holds", "settle");
    private static final RedisScript<Long> REFUND = script(Long.class, "holds", "refund");
    private static final RedisScript<Long> REBUILD = script(Long.class, "holds", "rebuild");
    private static final RedisScript<List<Object>> USAGE = listScript("holds", "usage");
    private static final RedisScript<List<Object>> TAKE = listScript("take");
    private static final RedisScript<Long> ACKNOWLEDGE = script(Long.class, "acknowledge");

    private final StringRedisTemplate redis;
    private final String prefix;
    private final String outbox;

    public RedisQuotaStore(StringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix;
        this.outbox = keyPrefix + "usage-outbox";
    }

    @Override
    public ReserveOutcome reserve(Reservation reservation) {
        TenantKeys keys = keys(reservation.tenantId(), reservation.period());
        List<Object> reply = available("reserve tokens", () -> redis.execute(RESERVE,
                List.of(keys.counters(), keys.inflight(), keys.holds(), keys.rate()),
                keys.tenant(), reservation.period().toString(), reservation.requestId().toString(),
                text(reservation.apiKeyId()), Long.toString(reservation.estimatedTokens()),
                Long.toString(reservation.limits().monthlyTokenBudget()), text(reservation.apiKeyBudget()),
                Integer.toString(reservation.limits().maxConcurrentRequests()),
                Integer.toString(reservation.limits().requestsPerMinute()),
                Long.toString(reservation.ttl().toMillis())));
        ReserveOutcome.Status status = ReserveOutcome.Status.valueOf((String) reply.get(0));
        Instant now = Instant.ofEpochMilli(number(reply.get(4)));
        Duration retryAfter = switch (status) {
            case RESERVED, COUNTERS_MISSING -> null;
            case TOKEN_BUDGET_EXHAUSTED, API_KEY_BUDGET_EXHAUSTED -> untilEnd(reservation.period(), now);
            case TOO_MANY_CONCURRENT_REQUESTS -> CONCURRENCY_RETRY;
            case RATE_LIMITED -> Duration.ofMillis(number(reply.get(3)));
        };
        return new ReserveOutcome(status, retryAfter, number(reply.get(1)), number(reply.get(2)));
    }

    @Override
    public void settle(Reservation reservation, AiCall call, long periodTokenBudget) {
        TenantKeys keys = keys(reservation.tenantId(), reservation.period());
        List<String> args = new ArrayList<>(List.of(keys.tenant(), reservation.requestId().toString(),
                text(reservation.apiKeyId()), Long.toString(call.totalTokens()), expiry(reservation.period())));
        callEntry(reservation.tenantId(), reservation.period(), periodTokenBudget, call)
                .forEach((field, value) -> {
                    args.add(field);
                    args.add(value);
                });
        available("settle a call", () -> redis.execute(SETTLE,
                List.of(keys.counters(), keys.inflight(), keys.holds(), outbox), args.toArray()));
    }

    @Override
    public void refund(Reservation reservation) {
        TenantKeys keys = keys(reservation.tenantId(), reservation.period());
        available("refund a call", () -> redis.execute(REFUND, List.of(keys.inflight(), keys.holds()),
                keys.tenant(), reservation.requestId().toString()));
    }

    @Override
    public void recordRejection(TenantId tenantId, BillingPeriod period, long periodTokenBudget,
                                AiRejection rejection) {
        Map<String, String> entry = meterFields("rejection", tenantId, period, periodTokenBudget);
        putPresent(entry, "requestId", rejection.requestId());
        putPresent(entry, "actorId", rejection.actorId());
        putPresent(entry, "model", rejection.model());
        putPresent(entry, "reason", rejection.reason());
        putPresent(entry, "detail", rejection.detail());
        putPresent(entry, "occurredAt", rejection.occurredAt());
        available("record a refusal",
                () -> redis.opsForStream().add(StreamRecords.string(entry).withStreamKey(outbox)));
    }

    @Override
    public boolean rebuild(TenantId tenantId, BillingPeriod period, AiUsageTotals totals) {
        TenantKeys keys = keys(tenantId, period);
        List<String> args = new ArrayList<>(List.of(keys.tenant(), period.toString(), expiry(period),
                Long.toString(totals.tenantTokens())));
        totals.tokensByApiKey().forEach((key, tokens) -> {
            args.add(key);
            args.add(Long.toString(tokens));
        });
        Long set = available("rebuild the counters", () -> redis.execute(REBUILD,
                List.of(keys.counters(), keys.inflight(), keys.holds()), args.toArray()));
        return set == 1;
    }

    @Override
    public QuotaUsage usage(TenantId tenantId, BillingPeriod period) {
        TenantKeys keys = keys(tenantId, period);
        List<Object> reply = available("read the counters", () -> redis.execute(USAGE,
                List.of(keys.counters(), keys.inflight(), keys.holds()), keys.tenant()));
        return new QuotaUsage(number(reply.get(0)) == 1, number(reply.get(1)), number(reply.get(2)),
                Math.toIntExact(number(reply.get(3))));
    }

    /**
     * Only one taker per consumer name at a time. {@code block} must stay below the Redis command timeout
     * ({@code spring.data.redis.timeout}); zero does not wait.
     */
    @Override
    public List<UsageOutboxEntry> takeFromOutbox(String consumer, int max, Duration block, Duration abandonedAfter) {
        List<Object> reply = available("take from the usage outbox", () -> redis.execute(TAKE, List.of(outbox),
                CONSUMER_GROUP, consumer, Integer.toString(max), Long.toString(abandonedAfter.toMillis())));
        List<UsageOutboxEntry> taken = new ArrayList<>();
        for (int i = 0; i < reply.size(); i += 2) {
            taken.add(entry((String) reply.get(i), fieldMap((List<?>) reply.get(i + 1))));
        }
        if (taken.isEmpty() && !block.isZero()) {
            // the script cannot wait; a blocking read runs on a connection of its own, the shared one stays free
            List<MapRecord<String, Object, Object>> fresh = available("wait for the usage outbox",
                    () -> redis.opsForStream().read(Consumer.from(CONSUMER_GROUP, consumer),
                            StreamReadOptions.empty().count(max).block(block),
                            StreamOffset.create(outbox, ReadOffset.lastConsumed())));
            if (fresh != null) {
                for (MapRecord<String, Object, Object> record : fresh) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    record.getValue().forEach((field, value) -> fields.put((String) field, (String) value));
                    taken.add(entry(record.getId().getValue(), fields));
                }
            }
        }
        return taken;
    }

    @Override
    public void acknowledge(List<UsageOutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(CONSUMER_GROUP);
        entries.forEach(entry -> args.add(entry.id()));
        available("acknowledge usage outbox entries",
                () -> redis.execute(ACKNOWLEDGE, List.of(outbox), args.toArray()));
    }

    /** The keys of one tenant and period; {@code tenant} is the prefix of all the tenant's keys. */
    private record TenantKeys(String tenant, String counters, String inflight, String holds, String rate) {

        TenantKeys(String tenant, BillingPeriod period) {
            this(tenant, tenant + period, tenant + "inflight", tenant + "holds", tenant + "rate");
        }
    }

    private TenantKeys keys(TenantId tenantId, BillingPeriod period) {
        return new TenantKeys(prefix + "{" + tenantId + "}:", period);
    }

    private Map<String, String> callEntry(TenantId tenantId, BillingPeriod period, long budget, AiCall call) {
        Map<String, String> entry = meterFields("call", tenantId, period, budget);
        putPresent(entry, "requestId", call.requestId());
        putPresent(entry, "actorId", call.actorId());
        putPresent(entry, "model", call.model());
        putPresent(entry, "promptTokens", call.promptTokens());
        putPresent(entry, "completionTokens", call.completionTokens());
        entry.put("costKwd", call.costKwd().toPlainString());
        putPresent(entry, "latencyMillis", call.latencyMillis());
        putPresent(entry, "streamed", call.streamed());
        putPresent(entry, "occurredAt", call.occurredAt());
        return entry;
    }

    private static Map<String, String> meterFields(String type, TenantId tenantId, BillingPeriod period, long budget) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("type", type);
        entry.put("tenant", tenantId.toString());
        entry.put("period", period.toString());
        entry.put("budget", Long.toString(budget));
        return entry;
    }

    /** Redis holds no nulls: an absent field reads back as null. */
    private static void putPresent(Map<String, String> entry, String field, Object value) {
        if (value != null) {
            entry.put(field, value.toString());
        }
    }

    private static UsageOutboxEntry entry(String id, Map<String, String> fields) {
        UsageMeterId meter = new UsageMeterId(TenantId.of(fields.get("tenant")), BillingPeriod.parse(fields.get("period")));
        long budget = Long.parseLong(fields.get("budget"));
        UUID requestId = UUID.fromString(fields.get("requestId"));
        Instant occurredAt = Instant.parse(fields.get("occurredAt"));
        String type = fields.get("type");
        if ("call".equals(type)) {
            AiCall call = new AiCall(requestId, fields.get("actorId"), fields.get("model"),
                    Long.parseLong(fields.get("promptTokens")), Long.parseLong(fields.get("completionTokens")),
                    new BigDecimal(fields.get("costKwd")), Long.parseLong(fields.get("latencyMillis")),
                    Boolean.parseBoolean(fields.get("streamed")), occurredAt);
            return new UsageOutboxEntry(id, meter, budget, call, null);
        }
        if ("rejection".equals(type)) {
            AiRejection rejection = new AiRejection(requestId, fields.get("actorId"), fields.get("model"),
                    AiRejectionReason.valueOf(fields.get("reason")), fields.get("detail"), occurredAt);
            return new UsageOutboxEntry(id, meter, budget, null, rejection);
        }
        throw new IllegalStateException("Usage outbox entry " + id + " has an unknown type: " + type);
    }

    private static Map<String, String> fieldMap(List<?> flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    private static Duration untilEnd(BillingPeriod period, Instant now) {
        Duration left = Duration.between(now, period.end());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String expiry(BillingPeriod period) {
        return Long.toString(period.end().plus(COUNTERS_KEPT_AFTER_PERIOD).getEpochSecond());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static long number(Object reply) {
        return ((Number) reply).longValue();
    }

    private static <T> T available(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            throw new QuotaStoreUnavailable("Redis could not " + operation + " for the AI quotas: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<Object>> listScript(String... files) {
        return (RedisScript) script(List.class, files);
    }

    /** The named scripts of {@code ai/quota}, in order, as one script (holds.lua carries shared functions). */
    private static <T> RedisScript<T> script(Class<T> resultType, String... files) {
        StringBuilder text = new StringBuilder();
        for (String file : files) {
            try {
                text.append(new ClassPathResource("ai/quota/" + file + ".lua").getContentAsString(StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("Quota script " + file + ".lua is missing", e);
            }
        }
        return RedisScript.of(text.toString(), resultType);
    }
}
