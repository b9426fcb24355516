package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.IamActionContext;
import dev.sts.core.authz.PolicySimulator;
import dev.sts.core.authz.PolicySimulator.Subject;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.authz.SimulationInputLimits;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.policy.DecidingStatement;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sts.policy.action.IamParams.account;

/**
 * IAM's policy simulator: SimulatePrincipalPolicy (a user's or role's own policies, plus any given) and
 * SimulateCustomPolicy (only the given ones). It answers with the same evaluator that decides real
 * requests, so what it says is what the platform does.
 */
@ApplicationScoped
public class SimulationActions {
    private final PrincipalPolicies policies;
    private final PolicySimulator simulator;

    SimulationActions(IamRepository iam, PrincipalPolicies policies, PolicyEvaluator evaluator, IamActionContext iamKeys) {
        this.policies = policies;
        this.simulator = new PolicySimulator(iam, policies, evaluator, iamKeys);
    }

    List<IamAction> actions() {
        return List.of(
                IamAction.reading("SimulatePrincipalPolicy", (caller, params) -> params.optional("PolicySourceArn").orElse("*"),
                        this::simulatePrincipalPolicy),
                IamAction.reading("SimulateCustomPolicy", (caller, params) -> "*", this::simulateCustomPolicy));
    }

    private Result simulatePrincipalPolicy(AuthenticatedCaller caller, QueryParameters params) {
        SimulationInputLimits.check(params, true);
        Subject subject = simulator.principal(account(caller), params.required("PolicySourceArn"));
        return simulate(caller, params, subject, PolicySimulator.withInputs(subject, inputPolicies(params),
                boundaryInput(params), resourcePolicy(params)));
    }

    private Result simulateCustomPolicy(AuthenticatedCaller caller, QueryParameters params) {
        SimulationInputLimits.check(params, false);
        Subject subject = simulator.custom(account(caller), params.optional("CallerArn"));
        return simulate(caller, params, subject, new PolicySet(inputPolicies(params), boundaryInput(params),
                Optional.empty(), resourcePolicy(params)));
    }

    private Result simulate(AuthenticatedCaller caller, QueryParameters params, Subject subject, PolicySet set) {
        List<String> actions = params.memberList("ActionNames");
        List<String> resources = params.memberList("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        Optional<String> resourceOwner = params.optional("ResourceOwner").map(owner -> Arn.parse(owner).account())
                .or(() -> Optional.of(subject.principal().account()));
        Map<String, List<String>> entries = contextEntries(params);
        List<Evaluation> evaluations = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                evaluations.add(new Evaluation(action, resource, simulator.simulate(account(caller), subject, set, action,
                        resource, resourceOwner, entries)));
            }
        }
        Page<Evaluation> page = Page.of(evaluations, params);
        return new Result(xml -> {
            IamXml.members(xml, "EvaluationResults", page.items(), SimulationActions::evaluation);
            IamXml.page(xml, page);
        }, null);
    }

    private static void evaluation(XmlWriter xml, Evaluation evaluation) {
        Decision decision = evaluation.decision();
        xml.element("EvalActionName", evaluation.action())
                .element("EvalResourceName", evaluation.resource())
                .element("EvalDecision", decision.outcome().wireName());
        IamXml.members(xml, "MatchedStatements", decision.decidingStatements(), (w, statement) -> w
                .element("SourcePolicyId", sourceId(statement.policyName()))
                .element("SourcePolicyType", sourceType(statement)));
        IamXml.members(xml, "MissingContextValues", decision.missingContextKeys(), XmlWriter::text);
    }

    /** IAM names an inline policy by its own name, a managed policy by its ARN. */
    private static String sourceId(String policyName) {
        int inline = policyName.indexOf("/inline/");
        return inline < 0 ? policyName : policyName.substring(inline + "/inline/".length());
    }

    /** IAM's names for where a statement came from. */
    private static String sourceType(DecidingStatement statement) {
        String name = statement.policyName();
        if (statement.policyType() == PolicyType.RESOURCE) {
            return "resource";
        }
        if (name.startsWith("arn:aws:iam::aws:policy/")) {
            return "aws-managed";
        }
        if (name.startsWith("arn:")) {
            return "user-managed";
        }
        if (name.startsWith("user/")) {
            return "user";
        }
        return name.startsWith("role/") ? "role" : "none";
    }

    private List<NamedPolicy> inputPolicies(QueryParameters params) {
        List<String> documents = params.memberList("PolicyInputList");
        List<NamedPolicy> named = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            named.add(policies.inputPolicy("PolicyInputList." + (i + 1), documents.get(i), PolicyType.IDENTITY));
        }
        return named;
    }

    private Optional<NamedPolicy> boundaryInput(QueryParameters params) {
        return params.memberList("PermissionsBoundaryPolicyInputList").stream().findFirst()
                .map(json -> policies.inputPolicy("PermissionsBoundaryPolicyInputList.1", json, PolicyType.PERMISSIONS_BOUNDARY));
    }

    private Optional<NamedPolicy> resourcePolicy(QueryParameters params) {
        return params.optional("ResourcePolicy").map(json -> policies.inputPolicy("ResourcePolicy", json, PolicyType.RESOURCE));
    }

    /** ContextEntries.member.N.ContextKeyName / ContextKeyValues.member.M / ContextKeyType, key to values. */
    private static Map<String, List<String>> contextEntries(QueryParameters params) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (int i = 1; ; i++) {
            String prefix = "ContextEntries.member." + i + ".";
            Optional<String> key = params.optional(prefix + "ContextKeyName");
            if (key.isEmpty()) {
                return entries;
            }
            entries.put(key.get(), params.memberList(prefix + "ContextKeyValues"));
        }
    }

    private record Evaluation(String action, String resource, Decision decision) {
    }
}
