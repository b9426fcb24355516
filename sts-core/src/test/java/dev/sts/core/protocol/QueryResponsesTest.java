package dev.sts.core.protocol;

import dev.sts.core.error.StsErrorCode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class QueryResponsesTest {
    @Test
    void successWrapsTheResultWithRequestId() throws Exception {
        String xml = QueryResponses.success(QueryResponses.STS_NAMESPACE, "GetCallerIdentity", "req-1",
                w -> w.element("Account", "111111111111").element("Absent", null));
        assertThat(xml).isEqualTo("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Account>111111111111</Account></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
        parse(xml);
    }

    @Test
    void errorHasTypeCodeMessageAndRequestId() throws Exception {
        String xml = QueryResponses.error(QueryResponses.STS_NAMESPACE, StsErrorCode.EXPIRED_TOKEN, "expired", "req-2");
        Document doc = parse(xml);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
        assertThat(doc.getElementsByTagNameNS("*", "Type").item(0).getTextContent()).isEqualTo("Sender");
        assertThat(doc.getElementsByTagNameNS("*", "Code").item(0).getTextContent()).isEqualTo("ExpiredToken");
        assertThat(doc.getElementsByTagNameNS("*", "RequestId").item(0).getTextContent()).isEqualTo("req-2");
    }

    @Test
    void hostileTextCannotChangeTheDocument() throws Exception {
        String hostile = "</Message><Code>AccessDenied</Code>&\"'\u0000\u0007";
        String xml = QueryResponses.error(QueryResponses.STS_NAMESPACE, StsErrorCode.VALIDATION_ERROR, hostile, "r");
        Document doc = parse(xml);
        assertThat(doc.getElementsByTagNameNS("*", "Code").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS("*", "Message").item(0).getTextContent())
                .startsWith("</Message><Code>AccessDenied</Code>&\"'");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
