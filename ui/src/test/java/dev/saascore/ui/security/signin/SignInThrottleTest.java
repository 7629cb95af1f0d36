package dev.saascore.ui.security.signin;

import dev.saascore.ui.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sign-in throttle against a real Redis, driven through Spring's password check with a clock the test
 * moves. One test per attack; the settings are the shipped defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

    private static final String EMAIL = "alice@example.test";
    private static final String PASSWORD = "right-password-1";
    private static final String WRONG = "wrong-password-1";
    private static final String ADDRESS = "203.0.113.7";

    /** Cheap hashes: these tests count failures, they do not measure BCrypt. */
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final UserDetails ALICE = User.withUsername(EMAIL).password(ENCODER.encode(PASSWORD)).build();

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    /** Keys of this test instance only: the machine's Redis is shared, so never a FLUSHDB. */
    private final String prefix = "saas-test:" + UUID.randomUUID() + ":sign-in-unit:";
    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(redis, defaults(prefix), clock);
    private final ThrottledAuthenticationProvider signIn = provider(throttle);

    @BeforeAll
    static void connect() {
        URI url = URI.create(TestRedis.url());
        connections = new LettuceConnectionFactory(url.getHost(), url.getPort());
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @AfterEach
    void deleteOwnKeys() {
        Set<String> keys = redis.keys(prefix + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    @Test
    void tenFailuresLockTheAccountWithAMessageSayingHowLongToWait() {
        for (int failure = 1; failure <= 10; failure++) {
            waitOutAnyDelay(EMAIL, ADDRESS);
            assertThatThrownBy(() -> attempt(EMAIL, WRONG, ADDRESS)).isInstanceOf(BadCredentialsException.class);
        }

        SignInThrottledException refused = refusal(EMAIL, PASSWORD, ADDRESS);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(refused.getMessage()).isEqualTo("Too many failed attempts. Try again in 15 minutes.");
        assertThat(throttle.accountStanding(EMAIL).locked()).isTrue();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(refusal(EMAIL, PASSWORD, ADDRESS).getMessage())
                .isEqualTo("Too many failed attempts. Try again in 1 second.");

        clock.advance(Duration.ofSeconds(1));
        assertThat(attempt(EMAIL, PASSWORD, ADDRESS).isAuthenticated()).isTrue();
    }

    @Test
    void theSlowDownRefusesEvenTheRightPasswordUntilTheDelayHasPassed() {
        for (int failure = 1; failure <= 5; failure++) {
            assertThatThrownBy(() -> attempt(EMAIL, WRONG, ADDRESS)).isInstanceOf(BadCredentialsException.class);
        }

        SignInThrottledException refused = refusal(EMAIL, PASSWORD, ADDRESS);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.getMessage()).isEqualTo("Too many failed attempts. Try again in 1 second.");
        assertThat(throttle.accountStanding(EMAIL).locked()).isFalse();
        clock.advance(Duration.ofMillis(999));
        refusal(EMAIL, PASSWORD, ADDRESS);
        // refusals are not failures: the count stays at 5
        assertThat(throttle.accountStanding(EMAIL).failures()).isEqualTo(5);

        clock.advance(Duration.ofMillis(1));
        assertThat(attempt(EMAIL, PASSWORD, ADDRESS).isAuthenticated()).isTrue();
    }

    @Test
    void eachFailureInTheSlowDownDoublesTheWait() {
        List<Duration> waits = new ArrayList<>();
        for (int failure = 1; failure <= 9; failure++) {
            waitOutAnyDelay(EMAIL, null);
            assertThatThrownBy(() -> attempt(EMAIL, WRONG, null)).isInstanceOf(BadCredentialsException.class);
            waits.add(throttle.accountStanding(EMAIL).retryAfter());
        }

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16));
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsCountButNotTheAddresss() {
        for (int failure = 1; failure <= 4; failure++) {
            assertThatThrownBy(() -> attempt(EMAIL, WRONG, ADDRESS)).isInstanceOf(BadCredentialsException.class);
        }

        attempt(EMAIL, PASSWORD, ADDRESS);

        assertThat(throttle.accountStanding(EMAIL)).isEqualTo(new SignInThrottle.Standing(0, Duration.ZERO, false));
        assertThat(throttle.addressStanding(ADDRESS).failures()).isEqualTo(4);
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedForAllOfThem() {
        for (int account = 1; account <= 50; account++) {
            String guessed = "user" + account + "@example.test";
            waitOutAnyDelay(guessed, ADDRESS);
            assertThatThrownBy(() -> attempt(guessed, WRONG, ADDRESS)).isInstanceOf(BadCredentialsException.class);
            assertThat(throttle.accountStanding(guessed).failures()).isEqualTo(1);
        }

        SignInThrottledException refused = refusal(EMAIL, PASSWORD, ADDRESS);
        assertThat(refused.getMessage()).isEqualTo("Too many failed attempts. Try again in 15 minutes.");
        assertThat(throttle.addressStanding(ADDRESS).locked()).isTrue();
        // the same person from elsewhere is not affected: the account itself has no failures
        assertThat(attempt(EMAIL, PASSWORD, "198.51.100.20").isAuthenticated()).isTrue();
    }

    @Test
    void anUnknownAccountIsThrottledExactlyLikeAKnownOne() {
        String unknown = "nobody@example.test";
        for (int failure = 1; failure <= 10; failure++) {
            waitOutAnyDelay(EMAIL, null);
            waitOutAnyDelay(unknown, null);
            AuthenticationException known = failureOf(EMAIL, WRONG);
            AuthenticationException guessed = failureOf(unknown, WRONG);
            assertSameAnswer(known, guessed);
            assertThat(throttle.accountStanding(unknown)).isEqualTo(throttle.accountStanding(EMAIL));
        }
        clock.advance(Duration.ofMinutes(3));

        assertSameAnswer(failureOf(EMAIL, PASSWORD), failureOf(unknown, PASSWORD));
        assertThat(failureOf(unknown, PASSWORD)).isInstanceOf(SignInThrottledException.class)
                .hasMessage("Too many failed attempts. Try again in 12 minutes.");
    }

    @Test
    void anAdministratorsUnlockLiftsTheLockAtOnce() {
        for (int failure = 1; failure <= 10; failure++) {
            waitOutAnyDelay(EMAIL, null);
            assertThatThrownBy(() -> attempt(EMAIL, WRONG, null)).isInstanceOf(BadCredentialsException.class);
        }
        refusal(EMAIL, PASSWORD, null);

        throttle.unlock("  Alice@Example.TEST ");

        assertThat(throttle.accountStanding(EMAIL).failures()).isZero();
        assertThat(attempt(EMAIL, PASSWORD, null).isAuthenticated()).isTrue();
    }

    @Test
    void concurrentFailuresAreCountedExactly() throws Exception {
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> failures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                failures.add(pool.submit(() -> {
                    start.await();
                    throttle.recordFailure(EMAIL, ADDRESS);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> failure : failures) {
                failure.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(throttle.accountStanding(EMAIL).failures()).isEqualTo(threads);
        assertThat(throttle.addressStanding(ADDRESS).failures()).isEqualTo(threads);
        assertThat(throttle.accountStanding(EMAIL).locked()).isTrue();
    }

    @Test
    void anEmailAddressInAnotherCaseOrWithSpacesIsTheSameAccount() {
        for (int failure = 1; failure <= 5; failure++) {
            String spelling = failure % 2 == 0 ? " ALICE@example.test" : "Alice@Example.Test ";
            throttle.recordFailure(spelling, null);
        }

        assertThat(throttle.accountStanding(EMAIL).failures()).isEqualTo(5);
    }

    @Test
    void anIpv6ClientCountsPerSlash64Network() {
        throttle.recordFailure("a@example.test", "2001:db8:1:2::1");
        throttle.recordFailure("b@example.test", "2001:db8:1:2:ffff:ffff:ffff:ffff");

        assertThat(throttle.addressStanding("2001:db8:1:2:abcd::9").failures()).isEqualTo(2);
        assertThat(throttle.addressStanding("2001:db8:1:3::1").failures()).isZero();
        assertThat(SignInThrottle.network("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(SignInThrottle.network("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void redisHoldsNeitherTheEmailAddressNorTheClientAddressInClear() {
        throttle.recordFailure(EMAIL, ADDRESS);

        Set<String> keys = redis.keys(prefix + "*");
        assertThat(keys).hasSize(2);
        for (String key : keys) {
            assertThat(key).doesNotContainIgnoringCase("alice").doesNotContain("example").doesNotContain("203.0");
            Map<Object, Object> fields = redis.opsForHash().entries(key);
            assertThat(fields.toString()).doesNotContainIgnoringCase("alice").doesNotContain("203.0");
            assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 15 * 60L);
        }
    }

    @Test
    void withRedisUnreachableSignInStillWorksAndOneErrorIsLogged(CapturedOutput output) throws IOException {
        LettuceConnectionFactory nowhere = new LettuceConnectionFactory("127.0.0.1", closedPort());
        nowhere.afterPropertiesSet();
        nowhere.start();
        try {
            SignInThrottle blind = new SignInThrottle(new StringRedisTemplate(nowhere), defaults(prefix), clock);
            ThrottledAuthenticationProvider unthrottled = provider(blind);

            for (int failure = 1; failure <= 12; failure++) {
                assertThatThrownBy(() -> unthrottled.authenticate(token(EMAIL, WRONG, ADDRESS)))
                        .isInstanceOf(BadCredentialsException.class);
            }
            assertThat(unthrottled.authenticate(token(EMAIL, PASSWORD, ADDRESS)).isAuthenticated()).isTrue();
            blind.unlock(EMAIL);

            assertThat(output.getAll().split("Redis is unreachable: sign-in attempts", -1)).hasSize(2);
        } finally {
            nowhere.destroy();
        }
    }

    @Test
    void theWaitIsSaidInSecondsUnderAMinuteAndElseInMinutesRoundedUp() {
        assertThat(SignInThrottledException.inWords(Duration.ofMillis(1))).isEqualTo("1 second");
        assertThat(SignInThrottledException.inWords(Duration.ofMillis(1001))).isEqualTo("2 seconds");
        assertThat(SignInThrottledException.inWords(Duration.ofSeconds(59))).isEqualTo("59 seconds");
        assertThat(SignInThrottledException.inWords(Duration.ofSeconds(60))).isEqualTo("1 minute");
        assertThat(SignInThrottledException.inWords(Duration.ofSeconds(61))).isEqualTo("2 minutes");
        assertThat(SignInThrottledException.inWords(Duration.ofMinutes(15))).isEqualTo("15 minutes");
    }

    // --- helpers ---

    /** The shipped defaults (application.yml), under this test's own key prefix. */
    static SignInThrottleProperties defaults(String keyPrefix) {
        return new SignInThrottleProperties(keyPrefix, Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMinutes(15),
                new SignInThrottleProperties.Limits(5, 10), new SignInThrottleProperties.Limits(40, 50));
    }

    private static ThrottledAuthenticationProvider provider(SignInThrottle throttle) {
        ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(email -> {
            if (EMAIL.equals(email)) {
                return User.withUserDetails(ALICE).build();
            }
            throw new UsernameNotFoundException("No such account");
        }, throttle);
        provider.setPasswordEncoder(ENCODER);
        return provider;
    }

    private Authentication attempt(String email, String password, String address) {
        return signIn.authenticate(token(email, password, address));
    }

    private static UsernamePasswordAuthenticationToken token(String email, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        if (address != null) {
            token.setDetails(new WebAuthenticationDetails(address, null));
        }
        return token;
    }

    private SignInThrottledException refusal(String email, String password, String address) {
        SignInThrottledException refused = catchThrowableOfType(SignInThrottledException.class,
                () -> attempt(email, password, address));
        assertThat(refused).as("a refusal by the throttle").isNotNull();
        return refused;
    }

    private AuthenticationException failureOf(String email, String password) {
        AuthenticationException failure = catchThrowableOfType(AuthenticationException.class,
                () -> attempt(email, password, null));
        assertThat(failure).as("a failed sign-in of " + email).isNotNull();
        return failure;
    }

    private static void assertSameAnswer(AuthenticationException known, AuthenticationException unknown) {
        assertThat(unknown.getClass()).isEqualTo(known.getClass());
        assertThat(unknown.getMessage()).isEqualTo(known.getMessage());
    }

    /** Moves the clock past the account's and the address's current wait, as a patient attacker would. */
    private void waitOutAnyDelay(String email, String address) {
        Duration accountWait = throttle.accountStanding(email).retryAfter();
        Duration addressWait = address == null ? Duration.ZERO : throttle.addressStanding(address).retryAfter();
        clock.advance(accountWait.compareTo(addressWait) >= 0 ? accountWait : addressWait);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A clock the test moves by hand (the throttle reads nothing else for its time). */
    static final class MovableClock extends Clock {

        private final AtomicLong millis = new AtomicLong(Instant.parse("2030-01-01T09:00:00Z").toEpochMilli());

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed here");
        }
    }
}
