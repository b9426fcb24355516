package dev.sts.loadtest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The STS actions the tool can drive, each with its form body as the AWS SDK's STS client sends it. */
public enum StsAction {
    GET_CALLER_IDENTITY("GetCallerIdentity"),
    GET_SESSION_TOKEN("GetSessionToken"),
    ASSUME_ROLE("AssumeRole");

    private final String actionName;

    StsAction(String actionName) {
        this.actionName = actionName;
    }

    public String actionName() {
        return actionName;
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
     */
    String formBody(LoadTestOptions options, long sequence) {
        String common = "Action=" + actionName + "&Version=2011-06-15";
        return switch (this) {
            case GET_CALLER_IDENTITY -> common;
            case GET_SESSION_TOKEN -> common + "&DurationSeconds=" + options.sessionDurationSeconds();
            case ASSUME_ROLE -> common + "&RoleArn=" + URLEncoder.encode(options.roleArn(), StandardCharsets.UTF_8)
                    + "&RoleSessionName=loadtest-" + sequence
                    + "&DurationSeconds=" + options.sessionDurationSeconds();
        };
    }
}
