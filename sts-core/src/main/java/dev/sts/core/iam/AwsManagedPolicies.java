package dev.sts.core.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies this platform ships, under {@code arn:aws:iam::aws:policy/NAME}. Their
 * documents are resources beside this class. AdministratorAccess, IAMFullAccess and the S3 policies
 * are AWS's own; ReadOnlyAccess is a compact equivalent of AWS's (which lists hundreds of services).
 */
public final class AwsManagedPolicies {
    /** A fixed creation date, so every instance answers the same. */
    private static final Instant PUBLISHED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, ManagedPolicy> BY_ARN = load(
            new Entry("AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK", "Provides full access to AWS services and resources."),
            new Entry("ReadOnlyAccess", "ANPAILL3HVNFSB6DCOWYQ", "Provides read-only access to AWS services and resources."),
            new Entry("IAMFullAccess", "ANPAI7XKCFMBPM3QQRRVQ", "Provides full access to IAM."),
            new Entry("AmazonS3ReadOnlyAccess", "ANPAIZTJ4DXE7G6AGAE6M", "Provides read only access to all buckets via the AWS Management Console."),
            new Entry("AmazonS3FullAccess", "ANPAIFIR6V6BVTRAHWINE", "Provides full access to all buckets via the AWS Management Console."));

    private AwsManagedPolicies() {
    }

    public static Optional<ManagedPolicy> find(String policyArn) {
        return Optional.ofNullable(BY_ARN.get(policyArn.toLowerCase(Locale.ROOT)));
    }

    public static List<ManagedPolicy> all() {
        return List.copyOf(BY_ARN.values());
    }

    private record Entry(String name, String policyId, String description) {
    }

    private static Map<String, ManagedPolicy> load(Entry... entries) {
        Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
        for (Entry entry : entries) {
            String document = resource(entry.name() + ".json");
            ManagedPolicy policy = new ManagedPolicy(ManagedPolicy.AWS_ACCOUNT, entry.name(), "/", entry.policyId(),
                    PUBLISHED, PUBLISHED, entry.description(), "v1",
                    List.of(new ManagedPolicy.PolicyVersion("v1", document, PUBLISHED)));
            policies.put(policy.arn().toLowerCase(Locale.ROOT), policy);
        }
        return policies;
    }

    private static String resource(String name) {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("aws-managed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing AWS managed policy resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
