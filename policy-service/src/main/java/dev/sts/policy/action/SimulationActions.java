package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.IamActionContext;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.authz.SimulationInputLimits;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.policy.DecidingStatement;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.RequestPrincipal;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
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
    private final IamRepository iam;
    private final PrincipalPolicies policies;
    private final PolicyEvaluator evaluator;
    private final IamActionContext iamKeys;

    SimulationActions(IamRepository iam, PrincipalPolicies policies, PolicyEvaluator evaluator, IamActionContext iamKeys) {
        this.iam = iam;
        this.policies = policies;
        this.evaluator = evaluator;
        this.iamKeys = iamKeys;
    }

    List<IamAction> actions() {
        return List.of(
                IamAction.reading("SimulatePrincipalPolicy", (caller, params) -> params.optional("PolicySourceArn").orElse("*"),
                        this::simulatePrincipalPolicy),
                IamAction.reading("SimulateCustomPolicy", (caller, params) -> "*", this::simulateCustomPolicy));
    }

    private Result simulatePrincipalPolicy(AuthenticatedCaller caller, QueryParameters params) {
        SimulationInputLimits.check(params, true);
        String sourceArn = params.required("PolicySourceArn");
        Arn arn = Arn.parse(sourceArn);
        if (!arn.service().equals("iam") || !arn.account().equals(account(caller))) {
            throw new StsException(StsErrorCode.INVALID_INPUT, "Invalid ARN: " + sourceArn);
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        Subject subject = switch (arn.resourceType()) {
            case "user" -> iam.findUser(arn.account(), name).map(this::userSubject)
                    .orElseThrow(() -> new StsException(StsErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found."));
            case "role" -> iam.findRole(arn.account(), name).map(this::roleSubject)
                    .orElseThrow(() -> IamRepository.noSuchRole(name));
            default -> throw new StsException(StsErrorCode.INVALID_INPUT, "Only users and roles can be simulated: " + sourceArn);
        };
        List<NamedPolicy> identity = new ArrayList<>(subject.policies().identityPolicies());
        identity.addAll(inputPolicies(params));
        Optional<NamedPolicy> boundary = boundaryInput(params).or(() -> subject.policies().permissionsBoundary());
        return simulate(caller, params, new PolicySet(identity, boundary, Optional.empty(), resourcePolicy(params)),
                subject.principal(), subject.keys());
    }

    private Result simulateCustomPolicy(AuthenticatedCaller caller, QueryParameters params) {
        SimulationInputLimits.check(params, false);
        List<NamedPolicy> identity = inputPolicies(params);
        // Without CallerArn the given policies are the identity policies of an unnamed principal of the caller's
        // account, as on AWS: no name, user id or ARN, so a policy variable naming them cannot be resolved.
        Subject subject = params.optional("CallerArn").map(arn -> callerSubject(caller, arn))
                .orElseGet(() -> unnamedSubject(account(caller)));
        return simulate(caller, params, new PolicySet(identity, boundaryInput(params), Optional.empty(),
                resourcePolicy(params)), subject.principal(), subject.keys());
    }

    private Result simulate(AuthenticatedCaller caller, QueryParameters params, PolicySet set, RequestPrincipal principal,
                            Map<String, List<String>> principalKeys) {
        List<String> actions = params.memberList("ActionNames");
        List<String> resources = params.memberList("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        Optional<String> resourceOwner = params.optional("ResourceOwner").map(owner -> Arn.parse(owner).account())
                .or(() -> Optional.of(principal.account() == null ? "" : principal.account()));
        List<Evaluation> evaluations = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                RequestContext.Builder context = RequestContext.builder().action(action).resource(resource)
                        .resourceAccount(resourceOwner.filter(owner -> !owner.isEmpty())).principal(principal);
                principalKeys.forEach(context::conditionKey);
                // An IAM action's keys from the target as IAM state holds it (its tags, its boundary), the same keys
                // the live call gets; what the simulated request would carry comes from ContextEntries.
                if (action.regionMatches(true, 0, "iam:", 0, 4)) {
                    iamKeys.ofSimulation(action.substring(4), resource, account(caller)).forEach(context::conditionKey);
                }
                contextEntries(params, context);
                evaluations.add(new Evaluation(action, resource, evaluator.evaluate(set, context.build())));
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

    /** ContextEntries.member.N.ContextKeyName / ContextKeyValues.member.M / ContextKeyType. */
    private static void contextEntries(QueryParameters params, RequestContext.Builder context) {
        for (int i = 1; ; i++) {
            String prefix = "ContextEntries.member." + i + ".";
            Optional<String> key = params.optional(prefix + "ContextKeyName");
            if (key.isEmpty()) {
                return;
            }
            context.conditionKey(key.get(), params.memberList(prefix + "ContextKeyValues"));
        }
    }

    /** A CallerArn names an IAM user of the caller's own account; another account's users are not read. */
    private Subject callerSubject(AuthenticatedCaller caller, String callerArn) {
        Arn arn = Arn.parse(callerArn);
        if (!arn.service().equals("iam") || !arn.resourceType().equals("user") || !arn.account().equals(account(caller))) {
            throw new StsException(StsErrorCode.INVALID_INPUT, "CallerArn must be an IAM user of your account: " + callerArn);
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        return iam.findUser(arn.account(), name).map(this::userSubject)
                .orElse(new Subject(RequestPrincipal.user(arn.account(), callerArn, ""), PolicySet.ofIdentity(List.of()),
                        Map.of("aws:userid", List.of())));
    }

    /** The unnamed principal of SimulateCustomPolicy without CallerArn: keys naming it are left absent. */
    private static Subject unnamedSubject(String account) {
        RequestPrincipal principal = RequestPrincipal.user(account, Arn.iam(account, "user/").toString(), "");
        return new Subject(principal, PolicySet.ofIdentity(List.of()), Map.of("aws:username", List.of(),
                "aws:userid", List.of(), "aws:PrincipalArn", List.of()));
    }

    /** A user's keys as the live path sets them for the user's own calls, its tags included. */
    private Subject userSubject(IamUser user) {
        Map<String, List<String>> keys = new HashMap<>(Map.of("aws:username", List.of(user.userName()),
                "aws:userid", List.of(user.userId()), "aws:PrincipalArn", List.of(user.arn()),
                "aws:PrincipalAccount", List.of(user.account())));
        user.tags().forEach(tag -> keys.put("aws:PrincipalTag/" + tag.key(), List.of(tag.value())));
        return new Subject(RequestPrincipal.user(user.account(), user.arn(), user.userId()), policies.ofUser(user), keys);
    }

    /** A session of the role, as the live path sees one: the role's tags are its principal tags. */
    private Subject roleSubject(IamRole role) {
        String sessionArn = Arn.sts(role.account(), "assumed-role/" + role.roleName() + "/simulation").toString();
        Map<String, List<String>> keys = new HashMap<>(Map.of("aws:userid", List.of(role.roleId() + ":simulation"),
                "aws:PrincipalArn", List.of(role.arn()), "aws:PrincipalAccount", List.of(role.account())));
        role.tags().forEach(tag -> keys.put("aws:PrincipalTag/" + tag.key(), List.of(tag.value())));
        return new Subject(RequestPrincipal.roleSession(role.account(), sessionArn, role.roleId() + ":simulation", role.arn()),
                policies.ofRole(role), keys);
    }

    private record Subject(RequestPrincipal principal, PolicySet policies, Map<String, List<String>> keys) {
    }

    private record Evaluation(String action, String resource, Decision decision) {
    }
}
