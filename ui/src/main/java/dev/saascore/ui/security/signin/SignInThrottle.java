package dev.saascore.ui.security.signin;

import dev.saascore.ui.security.SecretTokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Counts failed sign-ins per account and per client address in Redis and says when the next attempt may
 * be checked at all: after {@code slowDownAfter} failures within the window every further attempt waits
 * first-delay, doubling with each failure (1, 2, 4 … s); at {@code lockAfter} failures the account or
 * address is locked for lock-duration, after which its count starts over. A successful sign-in clears the
 * account's count (never the address's); {@link #unlock} does the same for administrators.
 *
 * <p>Accounts are keyed by the SHA-256 of the normalised e-mail address and addresses by the SHA-256 of the
 * address (IPv6: of its /64 network), so Redis never holds either in clear. Whether the account exists is
 * never asked: an unknown address is throttled exactly like a known one, so the lockout reveals nothing.
 *
 * <p>Redis unreachable: sign-in goes on unthrottled and one error is logged per outage. Failing closed would
 * lock every member of staff out (administrators included) whenever Redis is down; passwords are still
 * checked and BCrypt keeps each guess slow. (The AI quotas decide the other way: they fail closed.)
 */
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /**
     * One failure of one account or address, atomically, so concurrent failures are counted exactly. A
     * series is forgotten when its window has passed without a lock, or when its lock has been served.
     * KEYS[1] the subject; ARGV now, window, lock-after, lock-duration (ms), time to live (ms).
     */
    private static final RedisScript<Long> RECORD_FAILURE = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local state = redis.call('HMGET', KEYS[1], 'failures', 'start', 'lockedUntil')
            local failures = tonumber(state[1]) or 0
            local start = tonumber(state[2]) or now
            local lockedUntil = tonumber(state[3]) or 0
            if (lockedUntil > 0 and lockedUntil <= now) or (lockedUntil == 0 and now - start >= tonumber(ARGV[2])) then
              failures = 0
              start = now
              lockedUntil = 0
            end
            failures = failures + 1
            if lockedUntil == 0 and failures >= tonumber(ARGV[3]) then
              lockedUntil = now + tonumber(ARGV[4])
            end
            redis.call('HSET', KEYS[1], 'failures', failures, 'start', start, 'last', now, 'lockedUntil', lockedUntil)
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return failures
            """, Long.class);

    private static final List<Object> FIELDS = List.of("failures", "start", "last", "lockedUntil");

    private final StringRedisTemplate redis;
    private final SignInThrottleProperties settings;
    private final Clock clock;
    private final AtomicBoolean redisUnavailable = new AtomicBoolean();

    public SignInThrottle(StringRedisTemplate redis, SignInThrottleProperties settings, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Refuses the attempt, before any password is checked, while the account or the address must wait.
     *
     * @param address the client's address, or null when the attempt did not come over HTTP
     * @throws SignInThrottledException saying how long to wait (the longer of the two waits)
     */
    public void check(String email, String address) {
        Standing account = accountStanding(email);
        Standing client = address == null ? Standing.CLEAR : addressStanding(address);
        Duration wait = account.retryAfter().compareTo(client.retryAfter()) >= 0
                ? account.retryAfter() : client.retryAfter();
        if (!wait.isZero()) {
            throw new SignInThrottledException(wait);
        }
    }

    /** A wrong password or an unknown account: one more failure for the account and for the address. */
    public void recordFailure(String email, String address) {
        long now = clock.millis();
        fail(accountKey(email), settings.account(), now);
        if (address != null) {
            fail(addressKey(address), settings.address(), now);
        }
    }

    /** The password matched: the account's failures are forgotten (the address's stay). */
    public void recordSuccess(String email) {
        unlock(email);
    }

    /** For administrators: forgets the account's failures and lifts its lock and slow-down at once. */
    public void unlock(String email) {
        tolerant(() -> redis.delete(accountKey(email)), false);
    }

    public Standing accountStanding(String email) {
        return standing(accountKey(email), settings.account());
    }

    public Standing addressStanding(String address) {
        return standing(addressKey(address), settings.address());
    }

    /**
     * Where an account or address stands now.
     *
     * @param failures   failures in the current series (0 once it is forgotten)
     * @param retryAfter how long until an attempt is checked again; zero when it may be checked now
     * @param locked     true while the wait is a lock rather than a slow-down
     */
    public record Standing(int failures, Duration retryAfter, boolean locked) {

        static final Standing CLEAR = new Standing(0, Duration.ZERO, false);
    }

    private void fail(String key, SignInThrottleProperties.Limits limits, long now) {
        long window = settings.window().toMillis();
        long lock = settings.lockDuration().toMillis();
        // kept until both a running series and a lock are surely over (Redis's own clock, hence the max)
        long timeToLive = Math.max(window, lock);
        tolerant(() -> redis.execute(RECORD_FAILURE, List.of(key), Long.toString(now), Long.toString(window),
                Integer.toString(limits.lockAfter()), Long.toString(lock), Long.toString(timeToLive)), 0L);
    }

    private Standing standing(String key, SignInThrottleProperties.Limits limits) {
        List<Object> state = tolerant(() -> redis.opsForHash().multiGet(key, FIELDS), null);
        if (state == null || state.get(0) == null) {
            return Standing.CLEAR;
        }
        long now = clock.millis();
        int failures = Integer.parseInt((String) state.get(0));
        long start = Long.parseLong((String) state.get(1));
        long last = Long.parseLong((String) state.get(2));
        long lockedUntil = Long.parseLong((String) state.get(3));
        if (lockedUntil > now) {
            return new Standing(failures, Duration.ofMillis(lockedUntil - now), true);
        }
        boolean forgotten = lockedUntil > 0 || now - start >= settings.window().toMillis();
        if (forgotten) {
            return Standing.CLEAR;
        }
        long wait = failures < limits.slowDownAfter() ? 0 : last + delay(failures - limits.slowDownAfter()) - now;
        return new Standing(failures, Duration.ofMillis(Math.max(0, wait)), false);
    }

    /** first-delay × 2^doublings, at most max-delay. */
    private long delay(int doublings) {
        long max = settings.maxDelay().toMillis();
        return doublings >= 31 ? max : Math.min(settings.firstDelay().toMillis() << doublings, max);
    }

    private <T> T tolerant(Supplier<T> operation, T whenUnavailable) {
        try {
            T result = operation.get();
            if (redisUnavailable.compareAndSet(true, false)) {
                log.info("Redis answers again: sign-in throttling is back on");
            }
            return result;
        } catch (DataAccessException unreachable) {
            if (redisUnavailable.compareAndSet(false, true)) {
                log.error("Redis is unreachable: sign-in attempts are let through unthrottled until it answers again "
                        + "(logged once per outage)", unreachable);
            }
            return whenUnavailable;
        }
    }

    private String accountKey(String email) {
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return settings.keyPrefix() + "account:" + SecretTokens.hash(normalised);
    }

    private String addressKey(String address) {
        return settings.keyPrefix() + "address:" + SecretTokens.hash(network(address.trim()));
    }

    /**
     * An IPv6 client is counted per /64 network (one subscriber usually holds a whole /64), anything else as
     * given. Only literals containing ':' are parsed, and InetAddress never resolves those.
     */
    static String network(String address) {
        if (address.indexOf(':') >= 0) {
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                if (bytes.length == 16) {
                    return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
                }
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException notALiteral) {
                return address;
            }
        }
        return address;
    }
}
