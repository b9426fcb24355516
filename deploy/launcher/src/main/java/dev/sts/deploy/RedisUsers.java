package dev.sts.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ACL users of the platform's Redis, the one definition that {@code ./sts up} ({@link Platform}), the tests
 * ({@code LocalInfrastructure}) and the README's production set-up share: one user per service that uses Redis,
 * {@code admin} for the launcher's PING and SHUTDOWN (and tests that read Redis raw), and the {@code default}
 * user off ({@link #DEFAULT_USER}), so a client without credentials gets {@code NOAUTH}.
 *
 * <p>Least privilege, by key pattern and command category. policy-service owns IAM state ({@code iam:*}, its IAM
 * rate limits {@code iam:rate:} included) and reads the revocations token-service stores. token-service reads
 * the IAM records it evaluates itself (users, roles, managed policies; never access keys: it resolves those
 * through policy-service) and owns its {@code sts:*} keys: sessions, revocations, rate limits, used MFA codes,
 * MFA failure counts. federation-service reads the OpenID Connect providers and outbound federation records and
 * owns {@code sts:federation:*} (its signing keys). audit-service does not use Redis and has no user. The services may run the commands of
 * the string, hash, set and keyspace categories, EVAL and EVALSHA (Lua for the atomic stores; a script's
 * commands are checked against the same rules), and TIME (inside the rate-limit script); SCAN loads revocations;
 * nothing {@code @dangerous} (no KEYS, FLUSHALL, CONFIG, DEBUG, ACL) and no SCRIPT or FUNCTION management.
 *
 * <p>Passwords are the {@link PlatformSecrets} named by each user's {@link User#passwordSecret()}. The ACL file
 * holds only their SHA-256 ({@code #<hex>}), and it goes to Redis as a file, never on a command line.
 */
public final class RedisUsers {

    /**
     * The {@code default} user: off, so no client can log in as it and a client without credentials gets NOAUTH.
     * It keeps every permission because Redis replays MULTI/EXEC blocks of the append-only file (a Lua script's
     * writes) as this user and re-checks its permissions at EXEC: with none, those writes are dropped on load,
     * silently (seen here on Redis 7.0.15: an IAM user created through the API was gone after a restart;
     * redis/redis#14541, fixed by redis/redis#14545; valkey-io/valkey#3983).
     */
    public static final String DEFAULT_USER = "user default off resetpass ~* &* +@all";

    /**
     * Commands every service user may run: the data categories the stores use, the two script commands and TIME;
     * the closing {@code -@dangerous} takes back what those categories hold that is dangerous (KEYS among them).
     */
    private static final List<String> SERVICE_COMMANDS = List.of("resetchannels", "-@all", "+@connection",
            "+@string", "+@hash", "+@set", "+@keyspace", "+eval", "+evalsha", "+time", "-@dangerous");

    /** One ACL user: its name, the platform secret holding its password, and its rules (one concern a line). */
    public record User(String name, String passwordSecret, List<String> rules) {
    }

    public static final User ADMIN = new User("admin", PlatformSecrets.REDIS_PASSWORD_ADMIN,
            List.of("~*", "&*", "+@all"));

    public static final User POLICY_SERVICE = new User("policy-service", PlatformSecrets.REDIS_PASSWORD_POLICY_SERVICE,
            concat(SERVICE_COMMANDS, List.of(
                    // IAM state and the IAM API's rate limits (iam:rate:): written only by policy-service.
                    "~iam:*",
                    // Revocations, loaded at start (SCAN and GET), stored by token-service.
                    "%R~sts:revocation:*",
                    // The authorize clients created through its admin API (name -> digest).
                    "~sts:authorize-clients")));

    public static final User TOKEN_SERVICE = new User("token-service", PlatformSecrets.REDIS_PASSWORD_TOKEN_SERVICE,
            concat(SERVICE_COMMANDS, List.of(
                    // The IAM records AssumeRole, GetFederationToken and the caller's own policies need: read only.
                    // Never access keys or MFA devices: policy-service resolves keys and judges MFA codes.
                    "%R~iam:user:*",
                    "%R~iam:role:*",
                    "%R~iam:policy:*",
                    // Its own state: session records, revocations, rate limits, used MFA codes, MFA failure counts.
                    "~sts:session:*",
                    "~sts:revocation:*",
                    "~sts:rate:*",
                    "~sts:mfa-used:*",
                    "~sts:mfa-failures:*")));

    public static final User FEDERATION_SERVICE = new User("federation-service",
            PlatformSecrets.REDIS_PASSWORD_FEDERATION_SERVICE,
            concat(SERVICE_COMMANDS, List.of(
                    // The providers it validates tokens of and the accounts that federate outbound: read only.
                    "%R~iam:oidc-provider:*",
                    "%R~iam:oidc-providers:*",
                    "%R~iam:outbound-federation:*",
                    "%R~iam:outbound-federations",
                    // Its own state: the outbound signing keys (sealed under the KEK).
                    "~sts:federation:*")));

    /** Every user, in ACL file order. */
    public static final List<User> ALL = List.of(ADMIN, POLICY_SERVICE, TOKEN_SERVICE, FEDERATION_SERVICE);

    private RedisUsers() {
    }

    /** The user a platform service connects as; empty for a service that does not use Redis (audit-service). */
    public static Optional<User> ofService(String service) {
        return switch (service) {
            case "policy-service" -> Optional.of(POLICY_SERVICE);
            case "token-service" -> Optional.of(TOKEN_SERVICE);
            case "federation-service" -> Optional.of(FEDERATION_SERVICE);
            case "audit-service" -> Optional.empty();
            default -> throw new IllegalArgumentException("Not a platform service: " + service);
        };
    }

    /**
     * The ACL file's text: the {@link #DEFAULT_USER} line, then one line per user with its password's SHA-256.
     *
     * @param passwordOf the password for a secret's name (for example {@link PlatformSecrets#value})
     */
    public static String aclFile(Function<String, String> passwordOf) {
        StringBuilder text = new StringBuilder(DEFAULT_USER).append('\n');
        for (User user : ALL) {
            text.append("user ").append(user.name()).append(" on #").append(sha256(passwordOf.apply(user.passwordSecret())))
                    .append(" resetkeys");
            user.rules().forEach(rule -> text.append(' ').append(rule));
            text.append('\n');
        }
        return text.toString();
    }

    /** {@code redis://<user>:<password>@127.0.0.1:<port>}: what a service gets as {@code quarkus.redis.hosts}. */
    public static String url(User user, String password, int port) {
        return "redis://" + user.name() + ":" + password + "@127.0.0.1:" + port;
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
