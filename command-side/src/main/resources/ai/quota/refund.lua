-- Releases the hold without using anything; a second refund finds no hold and changes nothing.
-- KEYS: the in-flight set, the holds
-- ARGV: tenant key prefix, request id
-- Returns 1 when there was a hold, else 0.
return release(ARGV[1], KEYS[1], KEYS[2], ARGV[2])
