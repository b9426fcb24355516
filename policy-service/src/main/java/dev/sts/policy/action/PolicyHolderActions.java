package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.PolicyHolder;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.QueryParameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The actions IAM has alike for roles and users: tags ({@code TagRole}, {@code UntagUser}, …), inline policies,
 * attached managed policies and the permissions boundary. One implementation for both, so that a rule (a
 * required member, a quota, the wording of an error) cannot hold for one and be forgotten for the other, as
 * happened while each had its own copy: UntagRole accepted no keys and ListAttachedRolePolicies any path prefix.
 *
 * @param <T> the role or user type
 */
final class PolicyHolderActions<T extends PolicyHolder<T>> {
    private final String kind;
    private final boolean roles;
    private final IamRepository iam;
    private final IamRules rules;
    private final BiFunction<AuthenticatedCaller, QueryParameters, T> existing;
    private final BiFunction<T, UnaryOperator<T>, T> update;
    private final Consumer<T> publish;

    /**
     * @param kind     "Role" or "User", as the action names and response elements spell it
     * @param existing the holder a request names, or NoSuchEntity
     * @param update   applies a change to the stored holder and returns the stored result
     * @param publish  announces a changed holder to the other services
     */
    private PolicyHolderActions(String kind, IamRepository iam, IamRules rules,
                                BiFunction<AuthenticatedCaller, QueryParameters, T> existing,
                                BiFunction<T, UnaryOperator<T>, T> update, Consumer<T> publish) {
        this.kind = kind;
        this.roles = kind.equals("Role");
        this.iam = iam;
        this.rules = rules;
        this.existing = existing;
        this.update = update;
        this.publish = publish;
    }

    static <T extends PolicyHolder<T>> PolicyHolderActions<T> forRoles(IamRepository iam, IamRules rules,
            BiFunction<AuthenticatedCaller, QueryParameters, T> existing, BiFunction<T, UnaryOperator<T>, T> update,
            Consumer<T> publish) {
        return new PolicyHolderActions<>("Role", iam, rules, existing, update, publish);
    }

    static <T extends PolicyHolder<T>> PolicyHolderActions<T> forUsers(IamRepository iam, IamRules rules,
            BiFunction<AuthenticatedCaller, QueryParameters, T> existing, BiFunction<T, UnaryOperator<T>, T> update,
            Consumer<T> publish) {
        return new PolicyHolderActions<>("User", iam, rules, existing, update, publish);
    }

    /** The actions, each authorized against {@code resource} (the holder's ARN). */
    List<IamAction> actions(IamAction.ResourceOf resource) {
        return List.of(
                IamAction.writing("Tag" + kind, resource, this::tag),
                IamAction.writing("Untag" + kind, resource, this::untag),
                IamAction.reading("List" + kind + "Tags", resource, this::listTags),
                IamAction.writing("Put" + kind + "Policy", resource, this::putPolicy),
                IamAction.reading("Get" + kind + "Policy", resource, this::getPolicy),
                IamAction.reading("List" + kind + "Policies", resource, this::listPolicies),
                IamAction.writing("Delete" + kind + "Policy", resource, this::deletePolicy),
                IamAction.writing("Attach" + kind + "Policy", resource, this::attachPolicy),
                IamAction.writing("Detach" + kind + "Policy", resource, this::detachPolicy),
                IamAction.reading("ListAttached" + kind + "Policies", resource, this::listAttachedPolicies),
                IamAction.writing("Put" + kind + "PermissionsBoundary", resource, this::putPermissionsBoundary),
                IamAction.writing("Delete" + kind + "PermissionsBoundary", resource, this::deletePermissionsBoundary));
    }

    private Result tag(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        List<Tag> added = IamParams.addedTags(rules, params);
        publish.accept(update.apply(current, holder -> holder.withTags(IamParams.merged(rules, holder.tags(), added))));
        return Result.empty();
    }

    private Result untag(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        List<String> keys = IamParams.removedTagKeys(params);
        publish.accept(update.apply(current, holder -> holder.withTags(IamParams.without(holder.tags(), keys))));
        return Result.empty();
    }

    private Result listTags(AuthenticatedCaller caller, QueryParameters params) {
        Page<Tag> page = Page.of(existing.apply(caller, params).tags(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Tags", page.items(), (w, tag) -> w.element("Key", tag.key()).element("Value", tag.value()));
            IamXml.page(xml, page);
        }, null);
    }

    private Result putPolicy(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        String policyName = IamParams.name(rules, params, "PolicyName");
        String document = params.required("PolicyDocument");
        rules.identityPolicyDocument(document);
        publish.accept(update.apply(current, holder -> {
            Map<String, String> policies = new LinkedHashMap<>(holder.inlinePolicies());
            policies.put(policyName, document);
            rules.inlinePoliciesQuota(policies, roles, holder.name());
            return holder.withInlinePolicies(policies);
        }));
        return Result.empty();
    }

    private Result getPolicy(AuthenticatedCaller caller, QueryParameters params) {
        T holder = existing.apply(caller, params);
        String policyName = params.required("PolicyName");
        String document = holder.inlinePolicies().get(policyName);
        if (document == null) {
            throw noSuchInlinePolicy(policyName);
        }
        return new Result(xml -> xml.element(kind + "Name", holder.name()).element("PolicyName", policyName)
                .element("PolicyDocument", IamXml.encoded(document)), null);
    }

    private Result listPolicies(AuthenticatedCaller caller, QueryParameters params) {
        Page<String> page = Page.of(List.copyOf(existing.apply(caller, params).inlinePolicies().keySet()), params);
        return new Result(xml -> {
            IamXml.members(xml, "PolicyNames", page.items(), (w, name) -> w.text(name));
            IamXml.page(xml, page);
        }, null);
    }

    private Result deletePolicy(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        String policyName = params.required("PolicyName");
        publish.accept(update.apply(current, holder -> {
            if (!holder.inlinePolicies().containsKey(policyName)) {
                throw noSuchInlinePolicy(policyName);
            }
            Map<String, String> policies = new LinkedHashMap<>(holder.inlinePolicies());
            policies.remove(policyName);
            return holder.withInlinePolicies(policies);
        }));
        return Result.empty();
    }

    private Result attachPolicy(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        ManagedPolicy policy = iam.findAttachablePolicy(current.account(), IamParams.policyArn(params, "PolicyArn"));
        T updated = update.apply(current, holder -> {
            if (holder.attachedPolicyArns().contains(policy.arn())) {
                return holder;
            }
            if (holder.attachedPolicyArns().size() >= IamRules.MAX_ATTACHED_POLICIES) {
                throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for PoliciesPer" + kind + ": "
                        + IamRules.MAX_ATTACHED_POLICIES);
            }
            List<String> arns = new ArrayList<>(holder.attachedPolicyArns());
            arns.add(policy.arn());
            return holder.withAttachedPolicyArns(arns);
        });
        iam.recordAttachment(policy.arn(), attachmentOf(updated));
        publish.accept(updated);
        return Result.empty();
    }

    private Result detachPolicy(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        String policyArn = IamParams.policyArn(params, "PolicyArn");
        T updated = update.apply(current, holder -> {
            if (holder.attachedPolicyArns().stream().noneMatch(policyArn::equalsIgnoreCase)) {
                throw new StsException(StsErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
            }
            return holder.withAttachedPolicyArns(holder.attachedPolicyArns().stream()
                    .filter(arn -> !arn.equalsIgnoreCase(policyArn)).toList());
        });
        iam.removeAttachment(policyArn, attachmentOf(updated));
        publish.accept(updated);
        return Result.empty();
    }

    private Result listAttachedPolicies(AuthenticatedCaller caller, QueryParameters params) {
        T holder = existing.apply(caller, params);
        String prefix = params.optional("PathPrefix").orElse("/");
        rules.pathPrefix(prefix);
        List<ManagedPolicy> attached = holder.attachedPolicyArns().stream()
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
        T current = existing.apply(caller, params);
        ManagedPolicy boundary = iam.findAttachablePolicy(current.account(), IamParams.policyArn(params, "PermissionsBoundary"));
        publish.accept(update.apply(current, holder -> holder.withPermissionsBoundary(boundary.arn())));
        return Result.empty();
    }

    private Result deletePermissionsBoundary(AuthenticatedCaller caller, QueryParameters params) {
        T current = existing.apply(caller, params);
        publish.accept(update.apply(current, holder -> holder.withPermissionsBoundary(null)));
        return Result.empty();
    }

    /** A managed policy the account may use (its own or an AWS managed one); another account's is NoSuchEntity. */

    private StsException noSuchInlinePolicy(String policyName) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "The " + kind.toLowerCase(Locale.ROOT)
                + " policy with name " + policyName + " cannot be found.");
    }

    /** How the policy's attachment index names the holder: {@code role/ACCOUNT/NAME}, {@code user/ACCOUNT/NAME}. */
    private String attachmentOf(T holder) {
        return kind.toLowerCase(Locale.ROOT) + "/" + holder.account() + "/" + holder.name();
    }
}
