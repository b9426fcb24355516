package dev.sts.core.api;

/**
 * What distinguishes one Query API from another on the wire and in the audit stream.
 *
 * @param namespace      the XML namespace of responses
 * @param version        the only {@code Version} accepted
 * @param serviceName    how AWS names the service in "version does not exist" errors
 * @param signingName    SigV4's service name ({@code sts}, {@code iam})
 * @param eventSource    CloudTrail's eventSource ({@code sts.amazonaws.com})
 * @param region         the region this endpoint serves
 */
public record QueryApi(String namespace, String version, String serviceName, String signingName, String eventSource,
                       String region) {
    public static QueryApi sts(String region) {
        return new QueryApi("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15", "AWSSecurityTokenService", "sts",
                "sts.amazonaws.com", region);
    }

    /** IAM is global: its endpoint signs and audits as us-east-1. */
    public static QueryApi iam() {
        return new QueryApi("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08", "AWSIdentityManagementV20100508",
                "iam", "iam.amazonaws.com", "us-east-1");
    }
}
