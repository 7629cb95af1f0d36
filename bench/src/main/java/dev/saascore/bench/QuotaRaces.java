package dev.saascore.bench;

import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.command.ai.quota.QuotaUsage;
import dev.saascore.kernel.ai.AiLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * P4: can concurrent callers overshoot a tenant's budget or leak holds? In each round a fresh tenant gets a budget of
 * exactly {@code allowed} calls (each call's hold is its prompt tokens + max_tokens, and each uses exactly that), and
 * {@code callers} HTTP clients, connected beforehand, send their call to {@code POST /v1/chat/completions} at the same
 * moment. Afterwards, once no call is in flight: calls admitted, tokens used against the budget, tokens still held
 * and holds still in flight (none should remain: what remains is leaked until the hold's TTL), and the tokens the
 * usage log recorded (read model) against Redis's count.
 * <ul>
 *   <li>plain: the offline model, answers cut at max_tokens (so each call uses exactly its hold);</li>
 *   <li>disconnects: streamed calls to the stub upstream (a piece every 20 ms); half the callers reset their
 *       connection after the first bytes, so the gateway charges what was streamed and returns the rest;</li>
 *   <li>upstream fails: a quarter of the calls get 500 from the stub on every try (refunded after the gateway's
 *       retries), a quarter are streams the stub breaks off after two pieces (charged for those), the rest succeed.</li>
 * </ul>
 */
final class QuotaRaces {

    private static final List<ChatMessage> PROMPT = List.of(new ChatMessage("user", "How do quotas stop overshoot?"));
    private static final int MAX_TOKENS = 8;
    private static final Duration STREAM_PAUSE = Duration.ofMillis(20);
    private static final Duration SETTLING = Duration.ofSeconds(15);
    private static final String PATH = "/v1/chat/completions";

    record Options(int callers, int allowed, int plainRounds) {
    }

    enum Kind {
        PLAIN("plain"), DISCONNECTS("disconnects"), UPSTREAM_FAILS("upstream fails");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * @param answered  200 (for streams: the answer began)
     * @param refused   429
     * @param failed    502 or 504: admitted, then the upstream failed on every try
     * @param errors    any other answer (e.g. 500, 503) or no answer: the gateway itself failed
     * @param recorded  tokens in the usage read model once the outbox was drained
     * @param settledIn how long after the last caller returned no hold was left (or {@link #SETTLING} when some were)
     * @param firstError      a caller that got no answer at all
     * @param firstErrorAnswer status and body of the first error answer
     */
    record Round(Kind kind, int callers, int allowed, long estimate, long budget, int answered, int refused,
                 int failed, int errors, QuotaUsage after, long recorded, Duration settledIn,
                 Throwable firstError, String firstErrorAnswer) {

        long overshoot() {
            return Math.max(0, after.tokensUsed() - budget);
        }

        int admitted() {
            return answered + failed;
        }

        boolean clean() {
            return overshoot() == 0 && after.tokensReserved() == 0 && after.callsInFlight() == 0
                    && recorded == after.tokensUsed() && errors == 0 && firstError == null
                    // each plain call uses exactly its hold, so exactly the allowed number fits
                    && (kind != Kind.PLAIN || (answered == allowed && refused == callers - allowed
                    && after.tokensUsed() == budget));
        }
    }

    private QuotaRaces() {
    }

    static List<Round> measure(AiApplication app, StubUpstream stub, Options options) throws Exception {
        int stubPrompt = app.tokens().promptTokens(StubUpstream.MODEL, PROMPT);
        if (app.tokens().textTokens(StubUpstream.MODEL, StubUpstream.PIECE.repeat(MAX_TOKENS)) != MAX_TOKENS) {
            throw new IllegalStateException("The stub's pieces are not one token each; P4's estimates would be off");
        }
        stub.answer(stubPrompt, MAX_TOKENS);
        stub.streamPause(STREAM_PAUSE);
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < options.plainRounds(); i++) {
            rounds.add(round(app, Kind.PLAIN, options));
        }
        rounds.add(round(app, Kind.DISCONNECTS, options));
        rounds.add(round(app, Kind.UPSTREAM_FAILS, options));
        return rounds;
    }

    private static Round round(AiApplication app, Kind kind, Options options) throws Exception {
        String model = kind == Kind.PLAIN ? "offline-mini" : StubUpstream.MODEL;
        long estimate = app.tokens().promptTokens(model, PROMPT) + (long) MAX_TOKENS;
        long budget = estimate * options.allowed();
        AiApplication.BenchTenant tenant = app.tenant("p4", new AiLimits(budget, AiLimits.MAX_REQUESTS_PER_MINUTE,
                AiLimits.MAX_CONCURRENT));

        int[] statuses = new int[options.callers()];
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        AtomicReference<String> firstErrorAnswer = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(options.callers());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < options.callers(); i++) {
            int caller = i;
            Call call = call(kind, caller, model);
            byte[] request = HttpConnection.post(app.port(), PATH, tenant.apiKey(), call.body);
            callers.add(new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(app.port())) {
                    connection.open();
                    ready.countDown();
                    go.await();
                    if (call.vanish) {
                        statuses[caller] = connection.exchangeAndVanish(request);
                    } else {
                        HttpConnection.Response answer = connection.exchange(request);
                        statuses[caller] = answer.status();
                        if (!List.of(200, 429, 502, 504).contains(answer.status())) {
                            firstErrorAnswer.compareAndSet(null, answer.status() + " " + answer.text());
                        }
                    }
                } catch (Exception e) {
                    firstError.compareAndSet(null, e);
                    ready.countDown();
                }
            }, "bench-p4-" + i));
        }
        callers.forEach(Thread::start);
        ready.await();
        go.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        long returned = System.nanoTime();
        boolean settled = AiApplication.await(SETTLING, () -> {
            QuotaUsage usage = app.usage(tenant.id());
            return usage.callsInFlight() == 0 && usage.tokensReserved() == 0;
        });
        Duration settledIn = settled ? Duration.ofNanos(System.nanoTime() - returned) : SETTLING;
        QuotaUsage after = app.usage(tenant.id());
        app.awaitOutboxDrained(Duration.ofSeconds(30));
        app.awaitProcessorsCaughtUp(Duration.ofSeconds(30));
        int answered = 0;
        int refused = 0;
        int failed = 0;
        int errors = 0;
        for (int status : statuses) {
            if (status == 200) {
                answered++;
            } else if (status == 429) {
                refused++;
            } else if (status == 502 || status == 504) {
                failed++;
            } else {
                errors++;
            }
        }
        return new Round(kind, options.callers(), options.allowed(), estimate, budget, answered, refused, failed,
                errors, after, app.recordedTokens(tenant.id()), settledIn, firstError.get(), firstErrorAnswer.get());
    }

    /** What one caller sends, and whether it leaves in the middle of the answer. */
    private record Call(String body, boolean vanish) {
    }

    private static Call call(Kind kind, int caller, String model) {
        String base = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT.get(0).content() + "\"}],\"max_tokens\":" + MAX_TOKENS;
        String stream = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";
        switch (kind) {
            case DISCONNECTS:
                return new Call(base + stream + "}", caller % 2 == 0);
            case UPSTREAM_FAILS:
                if (caller % 4 == 1) {
                    return new Call(base + ",\"temperature\":" + StubUpstream.FAILING_TEMPERATURE + "}", false);
                }
                if (caller % 4 == 3) {
                    return new Call(base + stream + ",\"temperature\":" + StubUpstream.BREAKING_TEMPERATURE + "}",
                            false);
                }
                return new Call(base + "}", false);
            default:
                return new Call(base + "}", false);
        }
    }
}
