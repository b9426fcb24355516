package dev.sts.support;

import dev.sts.core.port.AuthorizeClientStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The authorize API's clients in one Redis hash, {@code sts:authorize-clients}: field = client name, value =
 * the hex SHA-256 digest of its token. Every check reads the hash (one {@code HGET}), so a client revoked on
 * one instance is refused by every instance from its next request on.
 */
public final class RedisAuthorizeClientStore implements AuthorizeClientStore {
    static final String KEY = "sts:authorize-clients";

    private final HashCommands<String, String, String> hashes;

    public RedisAuthorizeClientStore(RedisDataSource redis) {
        this.hashes = redis.hash(String.class);
    }

    @Override
    public boolean create(String name, byte[] tokenDigest) {
        return hashes.hsetnx(KEY, name, HexFormat.of().formatHex(tokenDigest));
    }

    @Override
    public Optional<byte[]> digest(String name) {
        return Optional.ofNullable(hashes.hget(KEY, name)).map(HexFormat.of()::parseHex);
    }

    @Override
    public boolean revoke(String name) {
        return hashes.hdel(KEY, name) > 0;
    }

    @Override
    public List<String> names() {
        return hashes.hkeys(KEY).stream().sorted().toList();
    }
}
