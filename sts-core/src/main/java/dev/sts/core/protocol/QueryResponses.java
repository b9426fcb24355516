package dev.sts.core.protocol;

import dev.sts.core.error.StsErrorCode;

import java.util.function.Consumer;

/** The two response shapes of the AWS Query protocol: an action's result, and ErrorResponse. */
public final class QueryResponses {
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private QueryResponses() {
    }

    /**
     * {@code <ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>};
     * with a null result the Result element is left out, as AWS does for actions that return nothing.
     */
    public static String success(String namespace, String action, String requestId, Consumer<XmlWriter> result) {
        XmlWriter xml = new XmlWriter().start(action + "Response", namespace);
        if (result != null) {
            xml.start(action + "Result");
            result.accept(xml);
            xml.end(action + "Result");
        }
        return xml.start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata")
                .end(action + "Response").toString();
    }

    /** AWS's ErrorResponse document, which botocore and the SDKs parse into the error code. */
    public static String error(String namespace, StsErrorCode code, String message, String requestId) {
        return new XmlWriter().start("ErrorResponse", namespace)
                .start("Error")
                .element("Type", code.fault().wireName())
                .element("Code", code.code())
                .element("Message", message)
                .end("Error")
                .element("RequestId", requestId)
                .end("ErrorResponse").toString();
    }
}
