package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.AwsManagedPolicies;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.ManagedPolicy.PolicyVersion;
import dev.sts.core.id.Identifiers;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.sts.policy.action.IamParams.account;

/** Managed policies and their versions. AWS managed policies can be read and attached, never changed. */
final class PolicyActions {
    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;

    PolicyActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf policy = (caller, params) -> params.optional("PolicyArn").orElse("*");
        return List.of(
                IamAction.writing("CreatePolicy", (caller, params) -> Arn.iam(account(caller), "policy"
                        + params.optional("Path").orElse("/") + params.optional("PolicyName").orElse("")).toString(),
                        this::createPolicy),
                IamAction.reading("GetPolicy", policy, this::getPolicy),
                IamAction.reading("ListPolicies", (caller, params) -> Arn.iam(account(caller), "policy/*").toString(),
                        this::listPolicies),
                IamAction.writing("DeletePolicy", policy, this::deletePolicy),
                IamAction.writing("CreatePolicyVersion", policy, this::createPolicyVersion),
                IamAction.reading("GetPolicyVersion", policy, this::getPolicyVersion),
                IamAction.reading("ListPolicyVersions", policy, this::listPolicyVersions),
                IamAction.writing("DeletePolicyVersion", policy, this::deletePolicyVersion),
                IamAction.writing("SetDefaultPolicyVersion", policy, this::setDefaultPolicyVersion));
    }

    private Result createPolicy(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "PolicyName");
        String path = IamParams.path(rules, params);
        String document = params.required("PolicyDocument");
        rules.managedPolicyDocument(document);
        String description = params.optional("Description").orElse(null);
        rules.description(description);
        Instant now = clock.instant();
        ManagedPolicy policy = new ManagedPolicy(account(caller), name, path, Identifiers.newPolicyId(), now, now,
                description, "v1", List.of(new PolicyVersion("v1", document, now)));
        if (!iam.createPolicy(policy)) {
            throw new StsException(StsErrorCode.ENTITY_ALREADY_EXISTS, "A policy called " + name
                    + " already exists. Duplicate names are not allowed.");
        }
        publish(policy);
        return new Result(xml -> IamXml.policy(xml, policy, 0), Map.of("policy", Map.of("arn", policy.arn())));
    }

    private Result getPolicy(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy policy = visiblePolicy(caller, params);
        int attachments = attachmentsInAccount(policy, account(caller));
        return new Result(xml -> IamXml.policy(xml, policy, attachments), null);
    }

    private Result listPolicies(AuthenticatedCaller caller, QueryParameters params) {
        String scope = params.optional("Scope").orElse("All");
        if (!List.of("All", "AWS", "Local").contains(scope)) {
            throw StsException.validation("1 validation error detected: Value '" + scope
                    + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        String prefix = params.optional("PathPrefix").orElse("/");
        boolean onlyAttached = params.optional("OnlyAttached").map(Boolean::parseBoolean).orElse(false);
        Stream<ManagedPolicy> aws = scope.equals("Local") ? Stream.empty() : AwsManagedPolicies.all().stream();
        Stream<ManagedPolicy> local = scope.equals("AWS") ? Stream.empty() : iam.listPolicies(account(caller)).stream();
        List<PolicyWithCount> matching = Stream.concat(aws, local)
                .filter(policy -> policy.path().startsWith(prefix))
                .map(policy -> new PolicyWithCount(policy, attachmentsInAccount(policy, account(caller))))
                .filter(entry -> !onlyAttached || entry.attachments() > 0)
                .sorted(Comparator.comparing(entry -> entry.policy().policyName()))
                .toList();
        Page<PolicyWithCount> page = Page.of(matching, params);
        return new Result(xml -> {
            IamXml.members(xml, "Policies", page.items(), (w, entry) -> IamXml.policyFields(w, entry.policy(), entry.attachments()));
            IamXml.page(xml, page);
        }, null);
    }

    private Result deletePolicy(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy policy = ownPolicy(caller, params);
        // Only the policy's own account can have attached it: no other account's entry may block its deletion.
        if (attachmentsInAccount(policy, policy.account()) > 0) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
        }
        if (policy.versions().size() > 1) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "This policy has more than one version. Before you "
                    + "delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
        }
        if (!iam.deletePolicy(policy)) {
            throw IamRepository.noSuchPolicy(policy.arn());
        }
        publish(policy);
        return Result.empty();
    }

    private Result createPolicyVersion(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy current = ownPolicy(caller, params);
        String document = params.required("PolicyDocument");
        rules.managedPolicyDocument(document);
        boolean setAsDefault = params.optional("SetAsDefault").map(Boolean::parseBoolean).orElse(false);
        Instant now = clock.instant();
        PolicyVersion[] created = new PolicyVersion[1];
        ManagedPolicy updated = iam.updatePolicy(current.arn(), policy -> {
            if (policy.versions().size() >= ManagedPolicy.MAX_VERSIONS) {
                throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "A managed policy can have up to "
                        + ManagedPolicy.MAX_VERSIONS + " versions. Before you create a new version, you must delete an existing version.");
            }
            int next = policy.versions().stream().mapToInt(v -> Integer.parseInt(v.versionId().substring(1))).max().orElse(0) + 1;
            created[0] = new PolicyVersion("v" + next, document, now);
            List<PolicyVersion> versions = new ArrayList<>(policy.versions());
            versions.add(created[0]);
            return policy.withVersions(versions, setAsDefault ? created[0].versionId() : policy.defaultVersionId(), now);
        });
        publish(updated);
        return new Result(xml -> IamXml.policyVersion(xml, updated, created[0]), null);
    }

    private Result getPolicyVersion(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy policy = visiblePolicy(caller, params);
        PolicyVersion version = version(policy, params.required("VersionId"));
        return new Result(xml -> IamXml.policyVersion(xml, policy, version), null);
    }

    private Result listPolicyVersions(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy policy = visiblePolicy(caller, params);
        Page<PolicyVersion> page = Page.of(policy.versions().stream()
                .sorted(Comparator.comparing(PolicyVersion::createDate).reversed()).toList(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Versions", page.items(), (w, version) -> w
                    .element("VersionId", version.versionId())
                    .element("IsDefaultVersion", String.valueOf(version.versionId().equals(policy.defaultVersionId())))
                    .element("CreateDate", IamXml.time(version.createDate())));
            IamXml.page(xml, page);
        }, null);
    }

    private Result deletePolicyVersion(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy current = ownPolicy(caller, params);
        String versionId = params.required("VersionId");
        publish(iam.updatePolicy(current.arn(), policy -> {
            version(policy, versionId);
            if (versionId.equals(policy.defaultVersionId())) {
                throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete the default version of a policy.");
            }
            return policy.withVersions(policy.versions().stream().filter(v -> !v.versionId().equals(versionId)).toList(),
                    policy.defaultVersionId(), clock.instant());
        }));
        return Result.empty();
    }

    private Result setDefaultPolicyVersion(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy current = ownPolicy(caller, params);
        String versionId = params.required("VersionId");
        publish(iam.updatePolicy(current.arn(), policy -> {
            version(policy, versionId);
            return policy.withVersions(policy.versions(), versionId, clock.instant());
        }));
        return Result.empty();
    }

    /** A policy the caller may read: its account's own, or an AWS managed one. */
    private ManagedPolicy visiblePolicy(AuthenticatedCaller caller, QueryParameters params) {
        String arn = IamParams.policyArn(params, "PolicyArn");
        return iam.findPolicy(arn)
                .filter(policy -> policy.awsManaged() || policy.account().equals(account(caller)))
                .orElseThrow(() -> IamRepository.noSuchPolicy(arn));
    }

    /** A policy the caller may change: only its own account's. */
    private ManagedPolicy ownPolicy(AuthenticatedCaller caller, QueryParameters params) {
        ManagedPolicy policy = visiblePolicy(caller, params);
        if (policy.awsManaged()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, "AWS managed policies cannot be changed: " + policy.arn());
        }
        return policy;
    }

    private static PolicyVersion version(ManagedPolicy policy, String versionId) {
        return policy.version(versionId).orElseThrow(() -> new StsException(StsErrorCode.NO_SUCH_ENTITY,
                "Policy " + policy.arn() + " version " + versionId + " does not exist or is not attachable."));
    }

    /** Attachments count per account: an AWS managed policy is shared, but each account sees only its own uses. */
    private int attachmentsInAccount(ManagedPolicy policy, String account) {
        return (int) iam.attachmentsOf(policy.arn()).stream().filter(entity -> entity.contains("/" + account + "/")).count();
    }

    private record PolicyWithCount(ManagedPolicy policy, int attachments) {
    }

    private void publish(ManagedPolicy policy) {
        changes.publish(IamChange.of(IamChange.Kind.POLICY, policy.account(), policy.arn()));
    }
}
