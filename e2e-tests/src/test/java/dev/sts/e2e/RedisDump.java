package dev.sts.e2e;

import dev.sts.testing.RedisProbe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything in the platform's Redis, read raw: SCAN over every key, then GET, HGETALL, SMEMBERS, LRANGE or
 * ZRANGE by the key's type. Each entry is the key and its value as text, so a test can search it for a secret.
 */
final class RedisDump {
    private RedisDump() {
    }

    static Map<String, String> of(RedisProbe redis) {
        Map<String, String> dump = new LinkedHashMap<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) redis.command("SCAN", cursor, "COUNT", "1000");
            cursor = (String) page.get(0);
            for (Object key : (List<?>) page.get(1)) {
                dump.put((String) key, value(redis, (String) key));
            }
        } while (!cursor.equals("0"));
        return dump;
    }

    private static String value(RedisProbe redis, String key) {
        String type = (String) redis.command("TYPE", key);
        Object value = switch (type) {
            case "string" -> redis.command("GET", key);
            case "hash" -> redis.command("HGETALL", key);
            case "set" -> redis.command("SMEMBERS", key);
            case "list" -> redis.command("LRANGE", key, "0", "-1");
            case "zset" -> redis.command("ZRANGE", key, "0", "-1", "WITHSCORES");
            case "none" -> ""; // expired between SCAN and TYPE
            default -> throw new AssertionError("a Redis type the dump does not read: " + type + " at " + key);
        };
        return type + " " + value;
    }
}
