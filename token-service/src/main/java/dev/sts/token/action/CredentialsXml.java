package dev.sts.token.action;

import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.protocol.XmlWriter;
import dev.sts.core.sts.TemporaryCredentials;

import java.util.Map;

/** The {@code <Credentials>} element every issuing action answers with, and what its audit record keeps of it. */
final class CredentialsXml {
    private CredentialsXml() {
    }

    static void write(XmlWriter xml, TemporaryCredentials credentials) {
        xml.start("Credentials")
                .element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", AuditEventJson.iso(credentials.expiration()))
                .end("Credentials");
    }

    /** The key id and expiry only: the secret and the token never reach the audit stream. */
    static Map<String, Object> audited(TemporaryCredentials credentials) {
        return Map.of("accessKeyId", credentials.accessKeyId(), "expiration", AuditEventJson.iso(credentials.expiration()));
    }
}
