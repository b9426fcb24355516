package dev.sts.loadtest;

import dev.sts.deploy.DevelopmentAccounts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run does, from the command line. Every option has a bound, so a run always ends.
 *
 * @param endpoint               {@code http://host:port} of the STS endpoint; the host must be a loopback address
 * @param action                 the STS action every request calls
 * @param duration               how long the measured part of the run lasts
 * @param warmup                 how long to send before measuring (nothing sent then is counted)
 * @param concurrency            connections, each with at most one request in flight
 * @param rate                   requests per second over all connections (open loop), or 0 for closed loop
 * @param roleArn                AssumeRole's {@code RoleArn}
 * @param sessionDurationSeconds {@code DurationSeconds} of AssumeRole and GetSessionToken
 * @param profileFile            an AWS credentials file, or {@code null} for the dev-admin development key
 * @param profile                the profile to read from {@code profileFile}
 * @param region                 the signing region
 * @param signing                when requests are signed
 * @param poolSize               how many distinct requests a {@link Signing#POOL} holds
 * @param webIdentityTokenFile   AssumeRoleWithWebIdentity's token, read once at the start (null for other actions)
 * @param watched                other processes whose CPU use is reported for the measured window, by label
 */
public record LoadTestOptions(URI endpoint, StsAction action, Duration duration, Duration warmup, int concurrency,
                              int rate, String roleArn, int sessionDurationSeconds, Path profileFile, String profile,
                              String region, Signing signing, int poolSize, Path webIdentityTokenFile,
                              Map<String, Long> watched) {

    public static final String USAGE = """
            usage: java -jar deploy/loadtest/target/sts-loadtest.jar [options]
              --endpoint URL            STS endpoint, loopback only            (default http://127.0.0.1:8080)
              --action NAME             GetCallerIdentity | GetSessionToken | AssumeRole |
                                        AssumeRoleWithWebIdentity (unsigned)  (default GetCallerIdentity)
              --duration D              measured time, e.g. 30s, 2m, 500ms     (default 30s, at most 1h)
              --warmup D                unmeasured time before it              (default 0s, at most 10m)
              --concurrency N           connections, one request in flight each (default 32, 1..1024)
              --rate N                  open loop at N requests/s in total; latency is measured from each
                                        request's intended send time. Without it: closed loop
              --role-arn ARN            AssumeRole's or AssumeRoleWithWebIdentity's role
                                                                 (default arn:aws:iam::111111111111:role/LoadTest)
              --web-identity-token-file FILE  AssumeRoleWithWebIdentity's token (a JWT; read once, sent with
                                        every request; needed by that action and only by it)
              --session-duration S      DurationSeconds for AssumeRole/GetSessionToken (default 900)
              --profile-file FILE       AWS credentials file     (default: the dev-admin development key)
              --profile NAME            profile in that file     (default "default")
              --region NAME             signing region           (default us-east-1)
              --signing pool|each       pool: a pool of requests signed ahead and re-signed every 60 s;
                                        each: every request signed just before it is sent (default pool)
              --pool-size N             distinct requests in the pool (default 256)
              --watch-pid [LABEL=]PID   also report that process's CPU use over the measured window (repeatable)
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final Duration MAX_DURATION = Duration.ofHours(1);
    private static final Duration MAX_WARMUP = Duration.ofMinutes(10);

    /** When the SigV4 signature of each request is computed. */
    public enum Signing {
        /** A pool of signed requests, re-signed in the background every 60 s (timestamps stay well within 5 min). */
        POOL,
        /** Each request signed by the SDK signer in the sending thread, just before it is sent, as an SDK does. */
        EACH
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} with a message fit for the user. */
    public static LoadTestOptions parse(String... args) {
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, Long> watched = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "endpoint", "action", "duration", "warmup", "concurrency", "rate", "role-arn",
                        "session-duration", "profile-file", "profile", "region", "signing", "pool-size",
                        "web-identity-token-file" -> {
                    if (single.put(name, value) != null) {
                        throw new IllegalArgumentException("--" + name + " given twice");
                    }
                }
                case "watch-pid" -> addWatched(watched, value);
                default -> throw new IllegalArgumentException("unknown option: --" + name);
            }
        }

        URI endpoint = endpoint(single.getOrDefault("endpoint", "http://127.0.0.1:8080"));
        StsAction action = StsAction.named(single.getOrDefault("action", "GetCallerIdentity"));
        Duration duration = duration("duration", single.getOrDefault("duration", "30s"), MAX_DURATION);
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than 0");
        }
        Duration warmup = duration("warmup", single.getOrDefault("warmup", "0s"), MAX_WARMUP);
        int concurrency = integer("concurrency", single.getOrDefault("concurrency", "32"), 1, 1024);
        int rate = single.containsKey("rate") ? integer("rate", single.get("rate"), 1, 1_000_000) : 0;
        String roleArn = single.getOrDefault("role-arn",
                "arn:aws:iam::" + DevelopmentAccounts.DEV_ADMIN.accountId() + ":role/LoadTest");
        int sessionDuration = integer("session-duration", single.getOrDefault("session-duration", "900"), 900, 129_600);
        Path profileFile = single.containsKey("profile-file") ? Path.of(single.get("profile-file")) : null;
        if (profileFile == null && single.containsKey("profile")) {
            throw new IllegalArgumentException("--profile needs --profile-file");
        }
        String profile = single.getOrDefault("profile", "default");
        String region = single.getOrDefault("region", DevelopmentAccounts.REGION);
        Signing signing = switch (single.getOrDefault("signing", "pool")) {
            case "pool" -> Signing.POOL;
            case "each" -> Signing.EACH;
            default -> throw new IllegalArgumentException("--signing must be pool or each");
        };
        int poolSize = integer("pool-size", single.getOrDefault("pool-size", "256"), 1, 100_000);
        Path tokenFile = single.containsKey("web-identity-token-file") ? Path.of(single.get("web-identity-token-file"))
                : null;
        if (action == StsAction.ASSUME_ROLE_WITH_WEB_IDENTITY && tokenFile == null) {
            throw new IllegalArgumentException("--action AssumeRoleWithWebIdentity needs --web-identity-token-file");
        }
        if (action != StsAction.ASSUME_ROLE_WITH_WEB_IDENTITY && tokenFile != null) {
            throw new IllegalArgumentException("--web-identity-token-file is only for --action AssumeRoleWithWebIdentity");
        }
        if (action.unsigned() && profileFile != null) {
            throw new IllegalArgumentException("--profile-file: " + action.actionName() + " is not signed");
        }
        return new LoadTestOptions(endpoint, action, duration, warmup, concurrency, rate, roleArn, sessionDuration,
                profileFile, profile, region, signing, poolSize, tokenFile, Collections.unmodifiableMap(watched));
    }

    /** Whether the arguments ask for the usage text. */
    public static boolean wantsHelp(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public boolean openLoop() {
        return rate > 0;
    }

    static Duration duration(String option, String text, Duration max) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + option + ": not a duration (like 30s, 2m, 500ms): " + text);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException("--" + option + " is at most " + max.toMinutes() + " minutes: " + text);
        }
        return d;
    }

    private static int integer(String option, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + ": not a whole number: " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + option + " must be within " + min + ".." + max + ": " + text);
        }
        return value;
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint: not a URL: " + text);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be http://host[:port] (no TLS): " + text);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--endpoint takes no path or query: " + text);
        }
        // A load generator is a denial-of-service tool anywhere else: it only ever talks to this machine.
        String host = uri.getHost();
        if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("--endpoint must be a loopback address (127.x.x.x, localhost, [::1]): "
                    + text);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return URI.create("http://" + host + ":" + port);
    }

    private static void addWatched(Map<String, Long> watched, String value) {
        int equals = value.indexOf('=');
        String label = equals > 0 ? value.substring(0, equals) : null;
        String pidText = equals > 0 ? value.substring(equals + 1) : value;
        long pid;
        try {
            pid = Long.parseLong(pidText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--watch-pid: not a process id: " + value);
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("--watch-pid: not a process id: " + value);
        }
        watched.put(label != null ? label : "pid " + pid, pid);
    }

    /** A compact description of the run, for the report's first line. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(action.actionName() + " against " + endpoint);
        parts.add(concurrency + " connection" + (concurrency == 1 ? "" : "s"));
        parts.add(openLoop() ? "open loop at " + rate + " req/s" : "closed loop");
        parts.add(seconds(duration) + " measured after " + seconds(warmup) + " warm-up");
        if (action.unsigned()) {
            parts.add("unsigned, the token from " + webIdentityTokenFile + (signing == Signing.POOL
                    ? ", pool of " + poolSize + " requests" : ", each request built as it is sent"));
        } else {
            parts.add(signing == Signing.POOL ? "pool of " + poolSize + " presigned requests (re-signed every 60 s)"
                    : "each request signed as it is sent");
        }
        return String.join(", ", parts);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
