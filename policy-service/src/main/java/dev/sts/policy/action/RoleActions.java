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
import dev.sts.core.iam.Tag;
import dev.sts.core.id.Identifiers;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.sts.policy.action.IamParams.account;

/** The role actions of the IAM API: the role itself and its trust policy; its tags, policies and boundary are {@link PolicyHolderActions}'. */
final class RoleActions {
    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;
    private final PolicyHolderActions<IamRole> policies;

    RoleActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
        this.policies = PolicyHolderActions.forRoles(iam, rules, this::existingRole,
                (role, change) -> iam.updateRole(role.account(), role.roleName(), change), this::publish);
    }

    List<IamAction> actions() {
        IamAction.ResourceOf role = this::roleArn;
        List<IamAction> actions = new ArrayList<>(List.of(
                IamAction.writing("CreateRole", this::newRoleArn, this::createRole),
                IamAction.reading("GetRole", role, this::getRole),
                IamAction.reading("ListRoles", (caller, params) -> Arn.iam(account(caller), "role/*").toString(), this::listRoles),
                IamAction.writing("UpdateRole", role, this::updateRole),
                IamAction.writing("UpdateAssumeRolePolicy", role, this::updateAssumeRolePolicy),
                IamAction.writing("DeleteRole", role, this::deleteRole)));
        actions.addAll(policies.actions(role));
        return actions;
    }

    private Result createRole(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "RoleName");
        String path = IamParams.path(rules, params);
        String trust = params.required("AssumeRolePolicyDocument");
        rules.trustPolicyDocument(trust);
        String description = params.optional("Description").orElse(null);
        rules.roleDescription(description);
        int maxSession = params.integer("MaxSessionDuration", IamRules.MIN_SESSION_DURATION, IamRules.MAX_SESSION_DURATION)
                .orElse(IamRole.DEFAULT_MAX_SESSION_DURATION);
        List<Tag> tags = IamParams.tags(rules, params);
        String boundary = params.optional("PermissionsBoundary").isPresent()
                ? iam.findAttachablePolicy(account(caller), IamParams.policyArn(params, "PermissionsBoundary")).arn() : null;
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
        rules.roleDescription(description);
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

    private IamRole existingRole(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "RoleName");
        return iam.findRole(account(caller), name).orElseThrow(() -> IamRepository.noSuchRole(name));
    }

    /** A managed policy the account may use (its own or an AWS managed one); another account's is NoSuchEntity. */

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

    private void publish(IamRole role) {
        changes.publish(IamChange.of(IamChange.Kind.ROLE, role.account(), role.roleName()));
    }
}
