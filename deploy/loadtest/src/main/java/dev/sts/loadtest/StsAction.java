package dev.sts.loadtest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The STS actions the tool can drive, each with its form body as the AWS SDK's STS client sends it.
 * AssumeRoleWithWebIdentity is unsigned, as on AWS: its credential is the web identity token in the body.
 */
public enum StsAction {
    GET_CALLER_IDENTITY("GetCallerIdentity"),
    GET_SESSION_TOKEN("GetSessionToken"),
    ASSUME_ROLE("AssumeRole"),
    ASSUME_ROLE_WITH_WEB_IDENTITY("AssumeRoleWithWebIdentity");

    private final String actionName;

    StsAction(String actionName) {
        this.actionName = actionName;
    }

    public String actionName() {
        return actionName;
    }

    /** Whether requests carry no SigV4 signature (the caller proves itself with a token in the body instead). */
    public boolean unsigned() {
        return this == ASSUME_ROLE_WITH_WEB_IDENTITY;
    }

    static StsAction named(String name) {
        return Arrays.stream(values()).filter(a -> a.actionName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--action must be one of "
                        + Arrays.stream(values()).map(StsAction::actionName).collect(Collectors.joining(", "))
                        + ": " + name));
    }

    /**
     * The form body of request number {@code sequence}. AssumeRole sessions are named {@code loadtest-<sequence>},
     * so that a pool holds distinct sessions, as distinct clients would.
     *
     * @param webIdentityToken AssumeRoleWithWebIdentity's token (null for the other actions)
     */
    String formBody(LoadTestOptions options, long sequence, String webIdentityToken) {
        String common = "Action=" + actionName + "&Version=2011-06-15";
        return switch (this) {
            case GET_CALLER_IDENTITY -> common;
            case GET_SESSION_TOKEN -> common + "&DurationSeconds=" + options.sessionDurationSeconds();
            case ASSUME_ROLE -> common + "&RoleArn=" + URLEncoder.encode(options.roleArn(), StandardCharsets.UTF_8)
                    + "&RoleSessionName=loadtest-" + sequence
                    + "&DurationSeconds=" + options.sessionDurationSeconds();
            case ASSUME_ROLE_WITH_WEB_IDENTITY -> common
                    + "&RoleArn=" + URLEncoder.encode(options.roleArn(), StandardCharsets.UTF_8)
                    + "&RoleSessionName=loadtest-" + sequence
                    + "&WebIdentityToken=" + URLEncoder.encode(webIdentityToken, StandardCharsets.UTF_8)
                    + "&DurationSeconds=" + options.sessionDurationSeconds();
        };
    }
}
