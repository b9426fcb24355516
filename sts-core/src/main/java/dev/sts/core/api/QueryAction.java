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
     * Whether the action is called without a signature, as AWS's AssumeRoleWithWebIdentity and AssumeRoleWithSAML
     * are: the request carries its own proof of identity (a token, an assertion), so the pipeline neither requires
     * nor checks SigV4 for it, and calls {@link #handleUnsigned} instead of {@link #handle}. False for every other
     * action, which stays refused (MissingAuthenticationToken) without a valid signature.
     */
    default boolean unsigned() {
        return false;
    }

    /**
     * For an {@link #unsigned()} action: the account the call is made against (for a role assumption, the role's),
     * which the pipeline throttles by and names as the audit record's recipient before any other work.
     *
     * @throws dev.sts.core.error.StsException when the request does not name one (an unparsable RoleArn)
     */
    default String unsignedAccount(QueryParameters params) {
        throw new UnsupportedOperationException(name() + " is a signed action");
    }

    /**
     * Runs an {@link #unsigned()} action.
     *
     * @param request the request as received (the source address for {@code aws:SourceIp})
     * @param params  its parameters
     * @param caller  where the action says who the caller turned out to be, as soon as it knows, so that a refusal
     *                after that point is audited with the caller's identity too
     */
    default Result handleUnsigned(InboundRequest request, QueryParameters params, UnsignedCaller caller) {
        throw new UnsupportedOperationException(name() + " is a signed action");
    }

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
