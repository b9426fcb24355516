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
import dev.sts.core.iam.Tag;
import dev.sts.core.id.Identifiers;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sts.policy.action.IamParams.account;

/** The user actions of the IAM API: the user itself; its tags, policies and boundary are {@link PolicyHolderActions}'. */
final class UserActions {
    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;
    private final PolicyHolderActions<IamUser> policies;

    UserActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
        this.policies = PolicyHolderActions.forUsers(iam, rules, this::existingUser,
                (user, change) -> iam.updateUser(user.account(), user.userName(), change), this::publish);
    }

    List<IamAction> actions() {
        IamAction.ResourceOf user = this::userArn;
        List<IamAction> actions = new ArrayList<>(List.of(
                IamAction.writing("CreateUser", this::newUserArn, this::createUser),
                IamAction.reading("GetUser", (caller, params) -> subjectArn(iam, caller, params), this::getUser),
                IamAction.reading("ListUsers", (caller, params) -> Arn.iam(account(caller), "user/*").toString(), this::listUsers),
                IamAction.writing("DeleteUser", user, this::deleteUser)));
        actions.addAll(policies.actions(user));
        return actions;
    }

    private Result createUser(AuthenticatedCaller caller, QueryParameters params) {
        String name = IamParams.name(rules, params, "UserName");
        String path = IamParams.path(rules, params);
        List<Tag> tags = IamParams.tags(rules, params);
        String boundary = params.optional("PermissionsBoundary").isPresent()
                ? iam.findAttachablePolicy(account(caller), IamParams.policyArn(params, "PermissionsBoundary")).arn() : null;
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

    /** A managed policy the account may use (its own or an AWS managed one); another account's is NoSuchEntity. */

    private String userArn(AuthenticatedCaller caller, QueryParameters params) {
        return namedUserArn(iam, account(caller), params.optional("UserName").orElse(""));
    }

    private String newUserArn(AuthenticatedCaller caller, QueryParameters params) {
        return Arn.iam(account(caller), "user" + params.optional("Path").orElse("/")
                + params.optional("UserName").orElse("")).toString();
    }

    private void publish(IamUser user) {
        changes.publish(IamChange.of(IamChange.Kind.USER, user.account(), user.userName()));
    }

    // ---- shared with the access key and MFA families, whose UserName also defaults to the caller

    static StsException noSuchUser(String name) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
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
