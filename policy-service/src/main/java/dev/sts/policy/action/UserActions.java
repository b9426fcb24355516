package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.Tag;
import dev.sts.core.id.Identifiers;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.sts.policy.action.IamParams.account;

/** The user actions of the IAM API: the user itself, its tags, inline and attached policies, boundary. */
final class UserActions {
    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;

    UserActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf user = this::userArn;
        return List.of(
                IamAction.writing("CreateUser", this::newUserArn, this::createUser),
                IamAction.reading("GetUser", (caller, params) -> subjectArn(iam, caller, params), this::getUser),
                IamAction.reading("ListUsers", (caller, params) -> Arn.iam(account(caller), "user/*").toString(), this::listUsers),
                IamAction.writing("DeleteUser", user, this::deleteUser),
                IamAction.writing("TagUser", user, this::tagUser),
                IamAction.writing("UntagUser", user, this::untagUser),
                IamAction.reading("ListUserTags", user, this::listUserTags),
                IamAction.writing("PutUserPolicy", user, this::putUserPolicy),
                IamAction.reading("GetUserPolicy", user, this::getUserPolicy),
                IamAction.reading("ListUserPolicies", user, this::listUserPolicies),
                IamAction.writing("DeleteUserPolicy", user, this::deleteUserPolicy),
                IamAction.writing("AttachUserPolicy", user, this::attachUserPolicy),
                IamAction.writing("DetachUserPolicy", user, this::detachUserPolicy),
                IamAction.reading("ListAttachedUserPolicies", user, this::listAttachedUserPolicies),
                IamAction.writing("PutUserPermissionsBoundary", user, this::putPermissionsBoundary),
                IamAction.writing("DeleteUserPermissionsBoundary", user, this::deletePermissionsBoundary));
    }

    private Result createUser(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "UserName");
        String path = IamParams.path(rules, params);
        List<Tag> tags = IamParams.tags(rules, params);
        String boundary = params.optional("PermissionsBoundary").isPresent()
                ? existingPolicy(IamParams.policyArn(params, "PermissionsBoundary")).arn() : null;
        IamUser user = new IamUser(account(caller), name, path, Identifiers.newUserId(), clock.instant(), tags, Map.of(),
                List.of(), boundary);
        if (!iam.createUser(user)) {
            throw new StsException(StsErrorCode.ENTITY_ALREADY_EXISTS, "User with name " + name + " already exists.");
        }
        publish(user);
        return new Result(xml -> IamXml.user(xml, user),
                Map.of("user", Map.of("arn", user.arn(), "userId", user.userId(), "userName", user.userName())));
    }

    /** Without UserName: the caller's own user, or for a root caller the root itself, as IAM answers it. */
    private Result getUser(AuthenticatedCaller caller, QueryParameters params) {
        Optional<String> subject = subjectUserName(rules, caller, params);
        if (subject.isEmpty()) {
            String accountId = account(caller);
            Instant created = rootCreateDate(accountId);
            return new Result(xml -> xml.start("User")
                    .element("UserId", accountId)
                    .element("Arn", Arn.iam(accountId, "root").toString())
                    .element("CreateDate", IamXml.time(created))
                    .end("User"), null);
        }
        IamUser user = existingUser(account(caller), subject.get());
        return new Result(xml -> IamXml.user(xml, user), null);
    }

    /** Listings carry a subset of each user, as IAM's do: no tags, no boundary (GetUser has those). */
    private Result listUsers(AuthenticatedCaller caller, QueryParameters params) {
        String prefix = params.optional("PathPrefix").orElse("/");
        rules.pathPrefix(prefix);
        Page<IamUser> page = Page.of(iam.listUsers(account(caller)).stream()
                .filter(user -> user.path().startsWith(prefix)).toList(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Users", page.items(), (w, user) -> w.element("Path", user.path())
                    .element("UserName", user.userName())
                    .element("UserId", user.userId())
                    .element("Arn", user.arn())
                    .element("CreateDate", IamXml.time(user.createDate())));
            IamXml.page(xml, page);
        }, null);
    }

    private Result deleteUser(AuthenticatedCaller caller, QueryParameters params) {
        IamUser user = existingUser(caller, params);
        if (!iam.listAccessKeys(user.account(), user.userName()).isEmpty()) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete access keys first.");
        }
        if (!user.inlinePolicies().isEmpty()) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        if (!user.attachedPolicyArns().isEmpty()) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (iam.listMfaDevices(user.account()).stream().anyMatch(device -> user.userName().equalsIgnoreCase(device.userName()))) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete MFA device first.");
        }
        if (!iam.deleteUser(user.account(), user.userName())) {
            throw noSuchUser(user.userName());
        }
        publish(user);
        return Result.empty();
    }

    private Result tagUser(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        List<Tag> added = IamParams.tags(rules, params);
        if (added.isEmpty()) {
            throw StsException.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }
        IamUser updated = iam.updateUser(current.account(), current.userName(), user -> {
            Map<String, Tag> merged = new LinkedHashMap<>();
            user.tags().forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            added.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            List<Tag> tags = new ArrayList<>(merged.values());
            rules.tags(tags);
            return user.withTags(tags);
        });
        publish(updated);
        return Result.empty();
    }

    private Result untagUser(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        List<String> keys = params.memberList("TagKeys");
        if (keys.isEmpty()) {
            throw StsException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        }
        Set<String> removed = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        publish(iam.updateUser(current.account(), current.userName(), user -> user.withTags(user.tags().stream()
                .filter(tag -> !removed.contains(tag.key().toLowerCase(Locale.ROOT))).toList())));
        return Result.empty();
    }

    private Result listUserTags(AuthenticatedCaller caller, QueryParameters params) {
        IamUser user = existingUser(caller, params);
        Page<Tag> page = Page.of(user.tags(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Tags", page.items(), (w, tag) -> w.element("Key", tag.key()).element("Value", tag.value()));
            IamXml.page(xml, page);
        }, null);
    }

    private Result putUserPolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        String policyName = IamParams.name(rules, params, "PolicyName");
        String document = params.required("PolicyDocument");
        rules.identityPolicyDocument(document);
        publish(iam.updateUser(current.account(), current.userName(), user -> {
            Map<String, String> policies = new LinkedHashMap<>(user.inlinePolicies());
            policies.put(policyName, document);
            rules.inlinePoliciesQuota(policies, false, user.userName());
            return user.withInlinePolicies(policies);
        }));
        return Result.empty();
    }

    private Result getUserPolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamUser user = existingUser(caller, params);
        String policyName = params.required("PolicyName");
        String document = user.inlinePolicies().get(policyName);
        if (document == null) {
            throw noSuchUserPolicy(policyName);
        }
        return new Result(xml -> xml.element("UserName", user.userName()).element("PolicyName", policyName)
                .element("PolicyDocument", IamXml.encoded(document)), null);
    }

    private Result listUserPolicies(AuthenticatedCaller caller, QueryParameters params) {
        IamUser user = existingUser(caller, params);
        Page<String> page = Page.of(List.copyOf(user.inlinePolicies().keySet()), params);
        return new Result(xml -> {
            IamXml.members(xml, "PolicyNames", page.items(), (w, name) -> w.text(name));
            IamXml.page(xml, page);
        }, null);
    }

    private Result deleteUserPolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        String policyName = params.required("PolicyName");
        publish(iam.updateUser(current.account(), current.userName(), user -> {
            if (!user.inlinePolicies().containsKey(policyName)) {
                throw noSuchUserPolicy(policyName);
            }
            Map<String, String> policies = new LinkedHashMap<>(user.inlinePolicies());
            policies.remove(policyName);
            return user.withInlinePolicies(policies);
        }));
        return Result.empty();
    }

    private Result attachUserPolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        ManagedPolicy policy = existingPolicy(IamParams.policyArn(params, "PolicyArn"));
        IamUser updated = iam.updateUser(current.account(), current.userName(), user -> {
            if (user.attachedPolicyArns().contains(policy.arn())) {
                return user;
            }
            if (user.attachedPolicyArns().size() >= IamRules.MAX_ATTACHED_POLICIES) {
                throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for PoliciesPerUser: "
                        + IamRules.MAX_ATTACHED_POLICIES);
            }
            List<String> arns = new ArrayList<>(user.attachedPolicyArns());
            arns.add(policy.arn());
            return user.withAttachedPolicyArns(arns);
        });
        iam.recordAttachment(policy.arn(), attachmentOf(updated));
        publish(updated);
        return Result.empty();
    }

    private Result detachUserPolicy(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        String policyArn = IamParams.policyArn(params, "PolicyArn");
        IamUser updated = iam.updateUser(current.account(), current.userName(), user -> {
            if (user.attachedPolicyArns().stream().noneMatch(policyArn::equalsIgnoreCase)) {
                throw new StsException(StsErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
            }
            return user.withAttachedPolicyArns(user.attachedPolicyArns().stream()
                    .filter(arn -> !arn.equalsIgnoreCase(policyArn)).toList());
        });
        iam.removeAttachment(policyArn, attachmentOf(updated));
        publish(updated);
        return Result.empty();
    }

    private Result listAttachedUserPolicies(AuthenticatedCaller caller, QueryParameters params) {
        IamUser user = existingUser(caller, params);
        String prefix = params.optional("PathPrefix").orElse("/");
        rules.pathPrefix(prefix);
        List<ManagedPolicy> attached = user.attachedPolicyArns().stream()
                .map(iam::findPolicy).flatMap(Optional::stream)
                .filter(policy -> policy.path().startsWith(prefix)).toList();
        Page<ManagedPolicy> page = Page.of(attached, params);
        return new Result(xml -> {
            IamXml.members(xml, "AttachedPolicies", page.items(),
                    (w, policy) -> w.element("PolicyName", policy.policyName()).element("PolicyArn", policy.arn()));
            IamXml.page(xml, page);
        }, null);
    }

    private Result putPermissionsBoundary(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        ManagedPolicy boundary = existingPolicy(IamParams.policyArn(params, "PermissionsBoundary"));
        publish(iam.updateUser(current.account(), current.userName(), user -> user.withPermissionsBoundary(boundary.arn())));
        return Result.empty();
    }

    private Result deletePermissionsBoundary(AuthenticatedCaller caller, QueryParameters params) {
        IamUser current = existingUser(caller, params);
        publish(iam.updateUser(current.account(), current.userName(), user -> user.withPermissionsBoundary(null)));
        return Result.empty();
    }

    /**
     * The root's creation date for GetUser. The account record keeps no date of its own, so this is when
     * the account's first root key was made, or now for an account without one.
     */
    private Instant rootCreateDate(String accountId) {
        return iam.listAccessKeys(accountId, null).stream().map(AccessKey::createDate)
                .min(Comparator.naturalOrder()).orElseGet(clock::instant);
    }

    private IamUser existingUser(AuthenticatedCaller caller, QueryParameters params) {
        return existingUser(account(caller), IamParams.name(rules, params, "UserName"));
    }

    private IamUser existingUser(String account, String name) {
        return iam.findUser(account, name).orElseThrow(() -> noSuchUser(name));
    }

    private ManagedPolicy existingPolicy(String policyArn) {
        return iam.findPolicy(policyArn).orElseThrow(() -> IamRepository.noSuchPolicy(policyArn));
    }

    private String userArn(AuthenticatedCaller caller, QueryParameters params) {
        return namedUserArn(iam, account(caller), params.optional("UserName").orElse(""));
    }

    private String newUserArn(AuthenticatedCaller caller, QueryParameters params) {
        return Arn.iam(account(caller), "user" + params.optional("Path").orElse("/")
                + params.optional("UserName").orElse("")).toString();
    }

    private static String attachmentOf(IamUser user) {
        return "user/" + user.account() + "/" + user.userName();
    }

    private void publish(IamUser user) {
        changes.publish(IamChange.of(IamChange.Kind.USER, user.account(), user.userName()));
    }

    // ---- shared with the access key and MFA families, whose UserName also defaults to the caller

    static StsException noSuchUser(String name) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
    }

    private static StsException noSuchUserPolicy(String policyName) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "The user policy with name " + policyName + " cannot be found.");
    }

    /**
     * Whom a call with an optional UserName is about: the named user; without one, the calling user
     * itself, or empty for a root caller (the root's own keys and devices).
     *
     * @throws StsException ValidationError for a malformed name, or when a role session or federated
     *                      user leaves UserName out (IAM has no user to default to)
     */
    static Optional<String> subjectUserName(IamRules rules, AuthenticatedCaller caller, QueryParameters params) {
        if (params.optional("UserName").isPresent()) {
            return Optional.of(IamParams.name(rules, params, "UserName"));
        }
        PrincipalType type = caller.identity().type();
        if (type == PrincipalType.ROOT) {
            return Optional.empty();
        }
        if (type == PrincipalType.IAM_USER && caller.identity().name() != null) {
            return Optional.of(caller.identity().name());
        }
        throw StsException.validation("Must specify userName when calling with non-User credentials");
    }

    /**
     * The ARN such a call is authorized against: the named user's (with its path when it exists), or
     * without UserName the caller's own. Never throws: a malformed request fails later, in its handler.
     */
    static String subjectArn(IamRepository iam, AuthenticatedCaller caller, QueryParameters params) {
        return params.optional("UserName")
                .map(name -> namedUserArn(iam, account(caller), name))
                .orElse(caller.identity().arn());
    }

    private static String namedUserArn(IamRepository iam, String account, String name) {
        return iam.findUser(account, name).map(IamUser::arn).orElse(Arn.iam(account, "user/" + name).toString());
    }
}
