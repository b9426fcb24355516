package dev.sts.deploy;

import java.util.List;

/**
 * The two accounts a local platform starts with, each with one administrator access key.
 *
 * <p><strong>For local development only.</strong> These keys are public: they are printed here, in
 * {@code deploy/bootstrap.yaml} (which seeds them into policy-service) and in the generated
 * {@code .sts/aws-credentials}. They mean nothing to real AWS, and a deployment must never load them. The
 * access key ids contain the digits 0, 1 and 8, which real AWS key ids (base32) never do, and the secrets
 * say what they are.
 *
 * <p>{@code dev-admin} and {@code prod-admin} are two separate accounts so that cross-account role
 * assumption can be tried locally; "prod" is only a name.
 */
public final class DevelopmentAccounts {

    /** The region every local profile uses. */
    public static final String REGION = "us-east-1";

    /** Administrator of account 111111111111 ({@code --profile dev-admin}). */
    public static final DevelopmentAccount DEV_ADMIN = new DevelopmentAccount(
            "dev-admin", "111111111111", "AKIADEVADMIN00000001", "devAdmin/LocalDevelopmentOnly/0000000001");

    /** Administrator of account 222222222222 ({@code --profile prod-admin}). */
    public static final DevelopmentAccount PROD_ADMIN = new DevelopmentAccount(
            "prod-admin", "222222222222", "AKIAPRODADMIN0000002", "prodAdmin/LocalDevelopmentOnly/000000002");

    public static final List<DevelopmentAccount> ALL = List.of(DEV_ADMIN, PROD_ADMIN);

    private DevelopmentAccounts() {
    }

    /**
     * One local account and its administrator's long-term access key.
     *
     * @param profile         the AWS CLI profile name in the generated config files
     * @param accountId       the 12-digit account id
     * @param accessKeyId     20 characters, {@code AKIA} then upper-case letters and digits
     * @param secretAccessKey 40 characters
     */
    public record DevelopmentAccount(String profile, String accountId, String accessKeyId, String secretAccessKey) {
    }
}
