package dev.sts.testing.oidc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link LocalOidcIssuer} that runs until stopped, for measuring AssumeRoleWithWebIdentity with the load tool
 * (docs/performance.md): it writes one long-lived RS256 token to a file (mode 600) and prints the issuer, the
 * commands that register it and the role's trust policy. Not for anything but a local measurement: the keys live
 * only in this process.
 *
 * <pre>
 * java -cp testing/target/classes:$(cat target/testing.classpath) dev.sts.testing.oidc.LoadTestIssuer \
 *     --token-file .sts/loadtest-token.jwt [--audience loadtest] [--subject loadtest-workload] [--hours 4]
 * </pre>
 */
public final class LoadTestIssuer {
    private static final int MAX_HOURS = 24;

    private LoadTestIssuer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path tokenFile = null;
        String audience = "loadtest";
        String subject = "loadtest-workload";
        int hours = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--token-file" -> tokenFile = Path.of(args[i + 1]);
                case "--audience" -> audience = args[i + 1];
                case "--subject" -> subject = args[i + 1];
                case "--hours" -> hours = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tokenFile == null || args.length % 2 != 0 || hours < 1 || hours > MAX_HOURS) {
            System.err.println("usage: LoadTestIssuer --token-file FILE [--audience A] [--subject S] [--hours 1.."
                    + MAX_HOURS + "]");
            System.exit(2);
        }

        LocalOidcIssuer issuer = LocalOidcIssuer.start("/loadtest");
        Map<String, Object> claims = issuer.claims(audience, subject);
        claims.put("exp", Instant.now().plus(Duration.ofHours(hours)).getEpochSecond());
        write(tokenFile, issuer.rs256(claims));
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "issuer-stop"));

        System.out.println("Issuer:      " + issuer.issuer() + "   (discovery and JWKS served until Ctrl-C)");
        System.out.println("Token:       " + tokenFile.toAbsolutePath() + " (RS256, aud " + audience + ", sub " + subject
                + ", valid " + hours + " h)");
        System.out.println("Register it and a role that trusts it:");
        System.out.println("  aws --profile dev-admin iam create-open-id-connect-provider --url " + issuer.issuer()
                + " --client-id-list " + audience);
        System.out.println("  aws --profile dev-admin iam create-role --role-name LoadTestWebIdentity"
                + " --assume-role-policy-document '" + trustPolicy(issuer, audience, subject) + "'");
        new CountDownLatch(1).await();
    }

    private static String trustPolicy(LocalOidcIssuer issuer, String audience, String subject) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::111111111111:oidc-provider/" + issuer.url() + "\"},\"Action\":"
                + "\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + issuer.url() + ":aud\":\""
                + audience + "\",\"" + issuer.url() + ":sub\":\"" + subject + "\"}}}]}";
    }

    private static void write(Path file, String token) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, token, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
