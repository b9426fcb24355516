package dev.sts.policy.action;

import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.Tag;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.protocol.XmlWriter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/** How IAM writes its entities in XML. Policy documents travel URL-encoded, as IAM sends them. */
final class IamXml {
    private IamXml() {
    }

    static void role(XmlWriter xml, IamRole role) {
        xml.start("Role");
        roleFields(xml, role);
        xml.end("Role");
    }

    static void roleFields(XmlWriter xml, IamRole role) {
        xml.element("Path", role.path())
                .element("RoleName", role.roleName())
                .element("RoleId", role.roleId())
                .element("Arn", role.arn())
                .element("CreateDate", time(role.createDate()))
                .element("AssumeRolePolicyDocument", encoded(role.assumeRolePolicyDocument()))
                .element("Description", role.description())
                .element("MaxSessionDuration", role.maxSessionDuration());
        boundary(xml, role.permissionsBoundaryArn());
        tags(xml, role.tags());
    }

    static void user(XmlWriter xml, IamUser user) {
        xml.start("User");
        userFields(xml, user);
        xml.end("User");
    }

    static void userFields(XmlWriter xml, IamUser user) {
        xml.element("Path", user.path())
                .element("UserName", user.userName())
                .element("UserId", user.userId())
                .element("Arn", user.arn())
                .element("CreateDate", time(user.createDate()));
        boundary(xml, user.permissionsBoundaryArn());
        tags(xml, user.tags());
    }

    static void policy(XmlWriter xml, ManagedPolicy policy, int attachmentCount) {
        xml.start("Policy");
        policyFields(xml, policy, attachmentCount);
        xml.end("Policy");
    }

    static void policyFields(XmlWriter xml, ManagedPolicy policy, int attachmentCount) {
        xml.element("PolicyName", policy.policyName())
                .element("PolicyId", policy.policyId())
                .element("Arn", policy.arn())
                .element("Path", policy.path())
                .element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", attachmentCount)
                .element("PermissionsBoundaryUsageCount", 0)
                .element("IsAttachable", "true")
                .element("Description", policy.description())
                .element("CreateDate", time(policy.createDate()))
                .element("UpdateDate", time(policy.updateDate()));
    }

    static void policyVersion(XmlWriter xml, ManagedPolicy policy, ManagedPolicy.PolicyVersion version) {
        xml.start("PolicyVersion")
                .element("Document", encoded(version.document()))
                .element("VersionId", version.versionId())
                .element("IsDefaultVersion", String.valueOf(version.versionId().equals(policy.defaultVersionId())))
                .element("CreateDate", time(version.createDate()))
                .end("PolicyVersion");
    }

    static void accessKeyMetadata(XmlWriter xml, AccessKey key) {
        xml.element("UserName", key.userName())
                .element("AccessKeyId", key.accessKeyId())
                .element("Status", key.status().name())
                .element("CreateDate", time(key.createDate()));
    }

    static void mfaDevice(XmlWriter xml, VirtualMfaDevice device) {
        xml.element("UserName", device.userName())
                .element("SerialNumber", device.serialNumber())
                .element("EnableDate", time(device.enableDate()));
    }

    /** GetOpenIDConnectProvider's answer: the URL without its scheme, as AWS gives it, and the provider's lists. */
    static void oidcProvider(XmlWriter xml, OidcProvider provider) {
        xml.element("Url", provider.url());
        members(xml, "ClientIDList", provider.clientIds(), XmlWriter::text);
        members(xml, "ThumbprintList", provider.thumbprints(), XmlWriter::text);
        xml.element("CreateDate", time(provider.createDate()));
        tags(xml, provider.tags());
    }

    static void tags(XmlWriter xml, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        members(xml, "Tags", tags, (w, tag) -> w.element("Key", tag.key()).element("Value", tag.value()));
    }

    /** {@code <Wrapper><member>…</member>…</Wrapper>}, IAM's list shape. */
    static <T> void members(XmlWriter xml, String wrapper, List<T> items, BiConsumer<XmlWriter, T> item) {
        xml.start(wrapper);
        for (T each : items) {
            xml.start("member");
            item.accept(xml, each);
            xml.end("member");
        }
        xml.end(wrapper);
    }

    static void page(XmlWriter xml, Page<?> page) {
        xml.element("IsTruncated", String.valueOf(page.truncated()));
        page.marker().ifPresent(marker -> xml.element("Marker", marker));
    }

    private static void boundary(XmlWriter xml, String boundaryArn) {
        if (boundaryArn != null) {
            xml.start("PermissionsBoundary")
                    .element("PermissionsBoundaryType", "Policy")
                    .element("PermissionsBoundaryArn", boundaryArn)
                    .end("PermissionsBoundary");
        }
    }

    /** IAM URL-encodes policy documents; botocore decodes with unquote, so a space must be %20, not '+'. */
    static String encoded(String document) {
        return document == null ? null : URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String time(Instant instant) {
        return instant == null ? null : AuditEventJson.iso(instant);
    }
}
