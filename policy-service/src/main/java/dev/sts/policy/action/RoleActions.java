package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.Tag;
import dev.sts.core.id.Identifiers;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.sts.policy.action.IamParams.account;

/** The role actions of the IAM API: the role itself, its trust policy, tags, inline and attached policies, boundary. */
final class RoleActions {
    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;

    RoleActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf role = this::roleArn;
        return List.of(
                IamAction.writing("CreateRole", this::newRoleArn, this::createRole),
                IamAction.reading("GetRole", role, this::getRole),
                IamAction.reading("ListRoles", (caller, params) -> Arn.iam(account(caller), "role/*").toString(), this::listRoles),
                IamAction.writing("UpdateRole", role, this::updateRole),
                IamAction.writing("UpdateAssumeRolePolicy", role, this::updateAssumeRolePolicy),
                IamAction.writing("DeleteRole", role, this::deleteRole),
                IamAction.writing("TagRole", role, this::tagRole),
                IamAction.writing("UntagRole", role, this::untagRole),
                IamAction.reading("ListRoleTags", role, this::listRoleTags),
                IamAction.writing("PutRolePolicy", role, this::putRolePolicy),
                IamAction.reading("GetRolePolicy", role, this::getRolePolicy),
                IamAction.reading("ListRolePolicies", role, this::listRolePolicies),
                IamAction.writing("DeleteRolePolicy", role, this::deleteRolePolicy),
                IamAction.writing("AttachRolePolicy", role, this::attachRolePolicy),
                IamAction.writing("DetachRolePolicy", role, this::detachRolePolicy),
                IamAction.reading("ListAttachedRolePolicies", role, this::listAttachedRolePolicies),
                IamAction.writing("PutRolePermissionsBoundary", role, this::putPermissionsBoundary),
                IamAction.writing("DeleteRolePermissionsBoundary", role, this::deletePermissionsBoundary));
    }

    private Result createRole(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "RoleName");
        String path = IamParams.path(rules, params);
        String trust = params.required("AssumeRolePolicyDocument");
        rules.trustPolicyDocument(trust);
        String description = params.optional("Description").orElse(null);
        rules.description(description);
        int maxSession = params.integer("MaxSessionDuration", IamRules.MIN_SESSION_DURATION, IamRules.MAX_SESSION_DURATION)
                .orElse(IamRole.DEFAULT_MAX_SESSION_DURATION);
        List<Tag> tags = IamParams.tags(rules, params);
        String boundary = params.optional("PermissionsBoundary").isPresent()
                ? existingPolicy(IamParams.policyArn(params, "PermissionsBoundary")).arn() : null;
        IamRole role = new IamRole(account(caller), name, path, Identifiers.newRoleId(), clock.instant(), trust, description,
                maxSession, tags, Map.of(), List.of(), boundary);
        if (!iam.createRole(role)) {
            throw new StsException(StsErrorCode.ENTITY_ALREADY_EXISTS, "Role with name " + name + " already exists.");
        }
        publish(role);
        return new Result(xml -> IamXml.role(xml, role), Map.of("role", Map.of("arn", role.arn(), "roleId", role.roleId())));
    }

    private Result getRole(AuthenticatedCaller caller, QueryParameters params) {
        IamRole role = existingRole(caller, params);
        return new Result(xml -> IamXml.role(xml, role), null);
    }

    private Result listRoles(AuthenticatedCaller caller, QueryParameters params) {
        String prefix = params.optional("PathPrefix").orElse("/");
        rules.pathPrefix(prefix);
        Page<IamRole> page = Page.of(iam.listRoles(account(caller)).stream()
                .filter(role -> role.path().startsWith(prefix)).toList(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Roles", page.items(), IamXml::roleFields);
            IamXml.page(xml, page);
        }, null);
    }

    private Result updateRole(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        String description = params.optional("Description").orElse(current.description());
        rules.description(description);
        int maxSession = params.integer("MaxSessionDuration", IamRules.MIN_SESSION_DURATION, IamRules.MAX_SESSION_DURATION)
                .orElse(current.maxSessionDuration());
        publish(iam.updateRole(current.account(), current.roleName(),
                role -> role.withDescriptionAndMaxSession(description, maxSession)));
        return new Result(xml -> {
        }, null); // UpdateRole answers an empty UpdateRoleResult element
    }

    private Result updateAssumeRolePolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        String trust = params.required("PolicyDocument");
        rules.trustPolicyDocument(trust);
        publish(iam.updateRole(current.account(), current.roleName(), role -> role.withTrustPolicy(trust)));
        return Result.empty();
    }

    private Result deleteRole(AuthenticatedCaller caller, QueryParameters params) {
        IamRole role = existingRole(caller, params);
        if (!role.inlinePolicies().isEmpty()) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        if (!role.attachedPolicyArns().isEmpty()) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.deleteRole(role.account(), role.roleName())) {
            throw IamRepository.noSuchRole(role.roleName());
        }
        publish(role);
        return Result.empty();
    }

    private Result tagRole(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        List<Tag> added = IamParams.tags(rules, params);
        if (added.isEmpty()) {
            throw StsException.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }
        IamRole updated = iam.updateRole(current.account(), current.roleName(), role -> {
            Map<String, Tag> merged = new LinkedHashMap<>();
            role.tags().forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            added.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            List<Tag> tags = new ArrayList<>(merged.values());
            rules.tags(tags);
            return role.withTags(tags);
        });
        publish(updated);
        return Result.empty();
    }

    private Result untagRole(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        Set<String> removed = params.memberList("TagKeys").stream().map(k -> k.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        publish(iam.updateRole(current.account(), current.roleName(), role -> role.withTags(role.tags().stream()
                .filter(tag -> !removed.contains(tag.key().toLowerCase(Locale.ROOT))).toList())));
        return Result.empty();
    }

    private Result listRoleTags(AuthenticatedCaller caller, QueryParameters params) {
        IamRole role = existingRole(caller, params);
        Page<Tag> page = Page.of(role.tags(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Tags", page.items(), (w, tag) -> w.element("Key", tag.key()).element("Value", tag.value()));
            IamXml.page(xml, page);
        }, null);
    }

    private Result putRolePolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        String policyName = IamParams.name(rules, params, "PolicyName");
        String document = params.required("PolicyDocument");
        rules.identityPolicyDocument(document);
        publish(iam.updateRole(current.account(), current.roleName(), role -> {
            Map<String, String> policies = new LinkedHashMap<>(role.inlinePolicies());
            policies.put(policyName, document);
            rules.inlinePoliciesQuota(policies, true, role.roleName());
            return role.withInlinePolicies(policies);
        }));
        return Result.empty();
    }

    private Result getRolePolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamRole role = existingRole(caller, params);
        String policyName = params.required("PolicyName");
        String document = role.inlinePolicies().get(policyName);
        if (document == null) {
            throw new StsException(StsErrorCode.NO_SUCH_ENTITY, "The role policy with name " + policyName + " cannot be found.");
        }
        return new Result(xml -> xml.element("RoleName", role.roleName()).element("PolicyName", policyName)
                .element("PolicyDocument", IamXml.encoded(document)), null);
    }

    private Result listRolePolicies(AuthenticatedCaller caller, QueryParameters params) {
        IamRole role = existingRole(caller, params);
        Page<String> page = Page.of(List.copyOf(role.inlinePolicies().keySet()), params);
        return new Result(xml -> {
            IamXml.members(xml, "PolicyNames", page.items(), (w, name) -> w.text(name));
            IamXml.page(xml, page);
        }, null);
    }

    private Result deleteRolePolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        String policyName = params.required("PolicyName");
        publish(iam.updateRole(current.account(), current.roleName(), role -> {
            if (!role.inlinePolicies().containsKey(policyName)) {
                throw new StsException(StsErrorCode.NO_SUCH_ENTITY, "The role policy with name " + policyName + " cannot be found.");
            }
            Map<String, String> policies = new LinkedHashMap<>(role.inlinePolicies());
            policies.remove(policyName);
            return role.withInlinePolicies(policies);
        }));
        return Result.empty();
    }

    private Result attachRolePolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        ManagedPolicy policy = existingPolicy(IamParams.policyArn(params, "PolicyArn"));
        IamRole updated = iam.updateRole(current.account(), current.roleName(), role -> {
            if (role.attachedPolicyArns().contains(policy.arn())) {
                return role;
            }
            if (role.attachedPolicyArns().size() >= IamRules.MAX_ATTACHED_POLICIES) {
                throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for PoliciesPerRole: "
                        + IamRules.MAX_ATTACHED_POLICIES);
            }
            List<String> arns = new ArrayList<>(role.attachedPolicyArns());
            arns.add(policy.arn());
            return role.withAttachedPolicyArns(arns);
        });
        iam.recordAttachment(policy.arn(), attachmentOf(updated));
        publish(updated);
        return Result.empty();
    }

    private Result detachRolePolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        String policyArn = IamParams.policyArn(params, "PolicyArn");
        IamRole updated = iam.updateRole(current.account(), current.roleName(), role -> {
            if (role.attachedPolicyArns().stream().noneMatch(policyArn::equalsIgnoreCase)) {
                throw new StsException(StsErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
            }
            return role.withAttachedPolicyArns(role.attachedPolicyArns().stream()
                    .filter(arn -> !arn.equalsIgnoreCase(policyArn)).toList());
        });
        iam.removeAttachment(policyArn, attachmentOf(updated));
        publish(updated);
        return Result.empty();
    }

    private Result listAttachedRolePolicies(AuthenticatedCaller caller, QueryParameters params) {
        IamRole role = existingRole(caller, params);
        String prefix = params.optional("PathPrefix").orElse("/");
        List<ManagedPolicy> attached = role.attachedPolicyArns().stream()
                .map(iam::findPolicy).flatMap(java.util.Optional::stream)
                .filter(policy -> policy.path().startsWith(prefix)).toList();
        Page<ManagedPolicy> page = Page.of(attached, params);
        return new Result(xml -> {
            IamXml.members(xml, "AttachedPolicies", page.items(),
                    (w, policy) -> w.element("PolicyName", policy.policyName()).element("PolicyArn", policy.arn()));
            IamXml.page(xml, page);
        }, null);
    }

    private Result putPermissionsBoundary(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        ManagedPolicy boundary = existingPolicy(IamParams.policyArn(params, "PermissionsBoundary"));
        publish(iam.updateRole(current.account(), current.roleName(), role -> role.withPermissionsBoundary(boundary.arn())));
        return Result.empty();
    }

    private Result deletePermissionsBoundary(AuthenticatedCaller caller, QueryParameters params) {
        IamRole current = existingRole(caller, params);
        publish(iam.updateRole(current.account(), current.roleName(), role -> role.withPermissionsBoundary(null)));
        return Result.empty();
    }

    private IamRole existingRole(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "RoleName");
        return iam.findRole(account(caller), name).orElseThrow(() -> IamRepository.noSuchRole(name));
    }

    private ManagedPolicy existingPolicy(String policyArn) {
        return iam.findPolicy(policyArn).orElseThrow(() -> IamRepository.noSuchPolicy(policyArn));
    }

    /** The role's ARN with its path when the role exists; as named otherwise (the call will then fail with NoSuchEntity). */
    private String roleArn(AuthenticatedCaller caller, QueryParameters params) {
        String name = params.optional("RoleName").orElse("");
        return iam.findRole(account(caller), name).map(IamRole::arn)
                .orElse(Arn.iam(account(caller), "role/" + name).toString());
    }

    private String newRoleArn(AuthenticatedCaller caller, QueryParameters params) {
        return Arn.iam(account(caller), "role" + params.optional("Path").orElse("/")
                + params.optional("RoleName").orElse("")).toString();
    }

    private static String attachmentOf(IamRole role) {
        return "role/" + role.account() + "/" + role.roleName();
    }

    private void publish(IamRole role) {
        changes.publish(IamChange.of(IamChange.Kind.ROLE, role.account(), role.roleName()));
    }
}
