package dev.sts.core.api;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.XmlWriter;

import java.util.Map;
import java.util.function.Consumer;

/** One action of a Query API: validates its parameters, does its work, says what to answer and what to audit. */
public interface QueryAction {
    /** The action's name as sent in {@code Action=}. */
    String name();

    /** Whether the action changes nothing (CloudTrail's readOnly). */
    boolean readOnly();

    /**
     * @param request the request as received (for what conditions need: the source address, the user agent)
     * @param caller  who signed it
     * @param params  its parameters
     */
    Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params);

    /**
     * @param body             writes the elements inside {@code <ActionResult>}; null for actions whose response has no result element
     * @param responseElements what the audit record shows of the answer, secrets left out; null for none
     */
    record Result(Consumer<XmlWriter> body, Map<String, Object> responseElements) {
        public static Result empty() {
            return new Result(null, null);
        }
    }
}
