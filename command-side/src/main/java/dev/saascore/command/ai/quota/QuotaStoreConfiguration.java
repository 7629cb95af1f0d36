package dev.saascore.command.ai.quota;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The gateway's quota store on the application's Redis. */
@Configuration
class QuotaStoreConfiguration {

    @Bean
    RedisQuotaStore quotaStore(StringRedisTemplate redis,
                               @Value("${saas.ai.quota.key-prefix:" + RedisQuotaStore.DEFAULT_KEY_PREFIX + "}") String keyPrefix) {
        return new RedisQuotaStore(redis, keyPrefix);
    }
}
