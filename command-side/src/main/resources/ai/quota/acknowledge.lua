-- Entries recorded as events leave the outbox for good.
-- KEYS: the outbox stream
-- ARGV: group, then entry ids
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
