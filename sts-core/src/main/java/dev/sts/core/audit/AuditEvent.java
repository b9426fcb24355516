package dev.sts.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One API call, allowed or refused, shaped like a CloudTrail record so CloudTrail tooling can read it.
 * Request parameters and response elements pass through {@link AuditRedaction} on construction:
 * a secret cannot reach the audit stream even if a caller forgets to leave it out.
 *
 * @param eventTime          when the call arrived
 * @param eventSource        e.g. {@code sts.amazonaws.com}
 * @param eventName          the action, e.g. {@code GetSessionToken}
 * @param awsRegion          the region of the endpoint that served it
 * @param sourceIpAddress    the caller's address
 * @param userAgent          the caller's User-Agent, cut to a bounded length
 * @param userIdentity       who called
 * @param requestParameters  the call's parameters, lower camel case, secrets removed
 * @param responseElements   what the call returned, secrets removed; null when refused
 * @param requestId          the request id returned to the caller
 * @param eventId            this event's own unique id (consumers de-duplicate on it)
 * @param errorCode          the AWS error code when refused, else null
 * @param errorMessage       the error message when refused, else null
 * @param recipientAccountId the account the call was made in, if known
 * @param readOnly           whether the action changes nothing
 */
public record AuditEvent(Instant eventTime, String eventSource, String eventName, String awsRegion,
                         String sourceIpAddress, String userAgent, AuditIdentity userIdentity,
                         Map<String, Object> requestParameters, Map<String, Object> responseElements,
                         String requestId, String eventId, String errorCode, String errorMessage,
                         String recipientAccountId, boolean readOnly) {
    public static final String EVENT_VERSION = "1.08";
    private static final int MAX_USER_AGENT = 1024;

    public AuditEvent {
        Objects.requireNonNull(eventTime);
        Objects.requireNonNull(eventSource);
        Objects.requireNonNull(eventName);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(userIdentity);
        requestParameters = AuditRedaction.scrub(requestParameters);
        responseElements = AuditRedaction.scrub(responseElements);
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }

    /** The Kafka record key: events of one account stay in order on one partition. */
    public String partitionKey() {
        return recipientAccountId != null ? recipientAccountId : "unknown";
    }
}
