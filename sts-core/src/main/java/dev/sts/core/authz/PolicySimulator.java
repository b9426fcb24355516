package dev.sts.core.authz;

import dev.sts.core.arn.Arn;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.Tag;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.RequestPrincipal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's policy simulator: whom a simulation is about and the request context of each simulated call, built as
 * the live path builds it. The subject's keys are those {@link CallerContext} sets for its own calls (its name,
 * user id, ARN, account and tags as {@code aws:PrincipalTag/*}); an IAM action gets {@link IamActionContext}'s
 * keys from its target as IAM state holds it; what the simulated request would carry comes from the caller's
 * ContextEntries, as on AWS, which may set any key. Only the caller's own account is read.
 */
public final class PolicySimulator {
    private final IamRepository iam;
    private final PrincipalPolicies policies;
    private final PolicyEvaluator evaluator;
    private final IamActionContext iamKeys;

    public PolicySimulator(IamRepository iam, PrincipalPolicies policies, PolicyEvaluator evaluator, IamActionContext iamKeys) {
        this.iam = iam;
        this.policies = policies;
        this.evaluator = evaluator;
        this.iamKeys = iamKeys;
    }

    /** Whom a simulation is about: the principal, its own policies and the keys that describe it. */
    public record Subject(RequestPrincipal principal, PolicySet policies, Map<String, List<String>> keys) {
        public Subject {
            keys = Map.copyOf(keys);
        }
    }

    /**
     * SimulatePrincipalPolicy's subject: a user, or a session of a role, of the caller's account.
     *
     * @throws StsException InvalidInput for an ARN of another account or of neither a user nor a role; NoSuchEntity
     */
    public Subject principal(String callerAccount, String policySourceArn) {
        Arn arn = Arn.parse(policySourceArn);
        if (!arn.service().equals("iam") || !arn.account().equals(callerAccount)) {
            throw new StsException(StsErrorCode.INVALID_INPUT, "Invalid ARN: " + policySourceArn);
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        return switch (arn.resourceType()) {
            case "user" -> iam.findUser(arn.account(), name).map(this::userSubject)
                    .orElseThrow(() -> new StsException(StsErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found."));
            case "role" -> iam.findRole(arn.account(), name).map(this::roleSubject)
                    .orElseThrow(() -> IamRepository.noSuchRole(name));
            default -> throw new StsException(StsErrorCode.INVALID_INPUT, "Only users and roles can be simulated: " + policySourceArn);
        };
    }

    /**
     * SimulateCustomPolicy's subject: the user its CallerArn names (of the caller's account); without one, an
     * unnamed principal of the caller's account, whose name, user id and ARN are absent, so that a policy
     * variable naming them cannot be resolved.
     */
    public Subject custom(String callerAccount, Optional<String> callerArn) {
        if (callerArn.isEmpty()) {
            RequestPrincipal principal = RequestPrincipal.user(callerAccount, Arn.iam(callerAccount, "user/").toString(), "");
            return new Subject(principal, PolicySet.ofIdentity(List.of()), Map.of("aws:username", List.of(),
                    "aws:userid", List.of(), "aws:PrincipalArn", List.of()));
        }
        Arn arn = Arn.parse(callerArn.get());
        if (!arn.service().equals("iam") || !arn.resourceType().equals("user") || !arn.account().equals(callerAccount)) {
            throw new StsException(StsErrorCode.INVALID_INPUT, "CallerArn must be an IAM user of your account: " + callerArn.get());
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        return iam.findUser(arn.account(), name).map(this::userSubject)
                .orElse(new Subject(RequestPrincipal.user(arn.account(), callerArn.get(), ""), PolicySet.ofIdentity(List.of()),
                        Map.of("aws:userid", List.of())));
    }

    /**
     * One simulated call.
     *
     * @param resourceOwner  the account owning the resource; empty means the subject's own
     * @param contextEntries the caller's ContextEntries, key to values
     */
    public Decision simulate(String callerAccount, Subject subject, PolicySet set, String action, String resource,
                             Optional<String> resourceOwner, Map<String, List<String>> contextEntries) {
        RequestContext.Builder context = RequestContext.builder().action(action).resource(resource)
                .resourceAccount(resourceOwner.filter(owner -> !owner.isEmpty())).principal(subject.principal());
        subject.keys().forEach(context::conditionKey);
        if (action.regionMatches(true, 0, "iam:", 0, 4)) {
            iamKeys.ofSimulation(action.substring(4), resource, callerAccount).forEach(context::conditionKey);
        }
        contextEntries.forEach(context::conditionKey);
        return evaluator.evaluate(set, context.build());
    }

    /** The subject's own policies with the given ones added; a given boundary replaces the subject's. */
    public static PolicySet withInputs(Subject subject, List<NamedPolicy> identity, Optional<NamedPolicy> boundary,
                                       Optional<NamedPolicy> resourcePolicy) {
        List<NamedPolicy> all = new ArrayList<>(subject.policies().identityPolicies());
        all.addAll(identity);
        return new PolicySet(all, boundary.or(() -> subject.policies().permissionsBoundary()), Optional.empty(), resourcePolicy);
    }

    /** The user; its principal keys (aws:username, aws:userid, …) the request context derives from the principal. */
    private Subject userSubject(IamUser user) {
        return new Subject(RequestPrincipal.user(user.account(), user.arn(), user.userId()), policies.ofUser(user),
                principalTags(user.tags()));
    }

    /** A session of the role, as the live path sees one: the role's tags are its principal tags. */
    private Subject roleSubject(IamRole role) {
        String sessionArn = Arn.sts(role.account(), "assumed-role/" + role.roleName() + "/simulation").toString();
        return new Subject(RequestPrincipal.roleSession(role.account(), sessionArn, role.roleId() + ":simulation", role.arn()),
                policies.ofRole(role), principalTags(role.tags()));
    }

    private static Map<String, List<String>> principalTags(List<Tag> tags) {
        Map<String, List<String>> keys = new HashMap<>();
        tags.forEach(tag -> keys.put("aws:PrincipalTag/" + tag.key(), List.of(tag.value())));
        return keys;
    }
}
