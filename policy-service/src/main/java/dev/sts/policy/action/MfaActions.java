package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.mfa.Totp;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import static dev.sts.policy.action.IamParams.account;

/**
 * The virtual MFA device actions of the IAM API: create a device (a TOTP seed), enable it for a user
 * with two consecutive codes, list a user's devices, deactivate one.
 * <p>
 * The seed is a secret. It leaves this service once, base64-encoded in CreateVirtualMFADevice's
 * answer as IAM sends it; it is never logged, never in an error message, never in an audit record
 * (the audit names the device by its serial number only).
 */
final class MfaActions {
    /** IAM's quota of MFA devices per user. */
    static final int MAX_DEVICES_PER_USER = 8;
    /** Steps either side of now in which EnableMFADevice looks for the first of its two codes. */
    static final int ENABLE_DRIFT_STEPS = 2;
    private static final Pattern SERIAL_NUMBER = Pattern.compile("[\\w+=/:,.@-]+");
    private static final Pattern CODE = Pattern.compile("[\\d]+");
    /** The serial number is at most 256 characters, and "arn:aws:iam::123456789012:mfa" takes 30 of them. */
    private static final int MAX_DEVICE_NAME_LENGTH = 226;

    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;
    private final Totp totp = new Totp();

    MfaActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf user = (caller, params) -> UserActions.subjectArn(iam, caller, params);
        return List.of(
                IamAction.writing("CreateVirtualMFADevice", this::newDeviceArn, this::createVirtualMfaDevice),
                IamAction.writing("EnableMFADevice", user, this::enableMfaDevice),
                IamAction.reading("ListMFADevices", user, this::listMfaDevices),
                IamAction.writing("DeactivateMFADevice", user, this::deactivateMfaDevice),
                IamAction.writing("DeleteVirtualMFADevice", (caller, params) -> params.optional("SerialNumber").orElse("*"),
                        this::deleteVirtualMfaDevice));
    }

    private Result createVirtualMfaDevice(AuthenticatedCaller caller, QueryParameters params) {
        String name = params.required("VirtualMFADeviceName");
        params.string("VirtualMFADeviceName", 1, MAX_DEVICE_NAME_LENGTH, IamRules.NAME);
        String path = IamParams.path(rules, params);
        if (!IamParams.tags(rules, params).isEmpty()) {
            // The device record has nowhere to keep tags; refusing beats silently dropping them.
            throw new StsException(StsErrorCode.INVALID_INPUT, "Tags on virtual MFA devices are not supported.");
        }
        String serialNumber = Arn.iam(account(caller), "mfa" + path + name).toString();
        if (serialNumber.length() > 256) {
            throw StsException.validation("1 validation error detected: Value at 'virtualMFADeviceName' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + (256 - (serialNumber.length() - name.length())));
        }
        boolean taken = iam.listMfaDevices(account(caller)).stream()
                .anyMatch(device -> device.serialNumber().equalsIgnoreCase(serialNumber));
        VirtualMfaDevice device = new VirtualMfaDevice(account(caller), serialNumber, Totp.newBase32Seed(), null, null,
                clock.instant());
        if (taken || !iam.createMfaDevice(device)) {
            throw new StsException(StsErrorCode.ENTITY_ALREADY_EXISTS, "MFADevice entity at the same path and name already exists.");
        }
        changes.publish(IamChange.of(IamChange.Kind.MFA_DEVICE, device.account(), device.serialNumber()));
        // Base32StringSeed is a blob: the base32 text's bytes, base64-encoded on the wire.
        String seedBlob = Base64.getEncoder().encodeToString(device.base32Seed().getBytes(StandardCharsets.US_ASCII));
        return new Result(xml -> xml.start("VirtualMFADevice")
                .element("SerialNumber", device.serialNumber())
                .element("Base32StringSeed", seedBlob)
                .end("VirtualMFADevice"), Map.of("virtualMFADevice", Map.of("serialNumber", device.serialNumber())));
    }

    /**
     * Enables a device for a user once two consecutive codes prove the user's authenticator holds its
     * seed: the first within {@value #ENABLE_DRIFT_STEPS} steps of now, the second from the step after it.
     */
    private Result enableMfaDevice(AuthenticatedCaller caller, QueryParameters params) {
        IamUser user = existingUser(caller, IamParams.name(rules, params, "UserName"));
        String serialNumber = serialNumber(params);
        String code1 = code(params, "AuthenticationCode1");
        String code2 = code(params, "AuthenticationCode2");
        VirtualMfaDevice device = existingDevice(caller, serialNumber);
        if (device.userName() != null) {
            throw alreadyInUse();
        }
        if (devicesOf(user).size() >= MAX_DEVICES_PER_USER) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for MFADevicesPerUser: " + MAX_DEVICES_PER_USER);
        }
        Instant now = clock.instant();
        OptionalLong first = totp.matchingStep(device.base32Seed(), code1, now, ENABLE_DRIFT_STEPS);
        OptionalLong second = totp.matchingStep(device.base32Seed(), code2, now, ENABLE_DRIFT_STEPS + 1);
        if (first.isEmpty() || second.isEmpty() || second.getAsLong() != first.getAsLong() + 1) {
            throw new StsException(StsErrorCode.INVALID_AUTHENTICATION_CODE, "Authentication code for device is not valid.");
        }
        VirtualMfaDevice enabled = iam.updateMfaDevice(device.serialNumber(), current -> {
            if (current.userName() != null) {
                throw alreadyInUse();
            }
            return current.enabledFor(user.userName(), now);
        });
        changes.publish(IamChange.of(IamChange.Kind.MFA_DEVICE, enabled.account(), enabled.serialNumber()));
        return Result.empty();
    }

    private Result listMfaDevices(AuthenticatedCaller caller, QueryParameters params) {
        Optional<String> subject = UserActions.subjectUserName(rules, caller, params);
        // The root cannot have a virtual device enabled through this API, so its list is empty.
        List<VirtualMfaDevice> devices = subject.map(name -> devicesOf(existingUser(caller, name))).orElse(List.of());
        Page<VirtualMfaDevice> page = Page.of(devices, params);
        return new Result(xml -> {
            IamXml.members(xml, "MFADevices", page.items(), IamXml::mfaDevice);
            IamXml.page(xml, page);
        }, null);
    }

    private Result deactivateMfaDevice(AuthenticatedCaller caller, QueryParameters params) {
        Optional<String> subject = UserActions.subjectUserName(rules, caller, params);
        String serialNumber = serialNumber(params);
        String userName = subject.map(name -> existingUser(caller, name).userName()).orElse(null);
        VirtualMfaDevice device = existingDevice(caller, serialNumber);
        if (userName == null || !userName.equalsIgnoreCase(device.userName())) {
            throw noSuchDevice(serialNumber);
        }
        VirtualMfaDevice deactivated = iam.updateMfaDevice(device.serialNumber(), current -> {
            if (!userName.equalsIgnoreCase(current.userName())) {
                throw noSuchDevice(serialNumber);
            }
            return current.enabledFor(null, null);
        });
        changes.publish(IamChange.of(IamChange.Kind.MFA_DEVICE, deactivated.account(), deactivated.serialNumber()));
        return Result.empty();
    }

    private Result deleteVirtualMfaDevice(AuthenticatedCaller caller, QueryParameters params) {
        VirtualMfaDevice device = existingDevice(caller, serialNumber(params));
        if (device.userName() != null) {
            throw new StsException(StsErrorCode.DELETE_CONFLICT, "MFA VirtualDevice in use. Must deactivate first.");
        }
        if (!iam.deleteMfaDevice(device)) {
            throw noSuchDevice(device.serialNumber());
        }
        changes.publish(IamChange.of(IamChange.Kind.MFA_DEVICE, device.account(), device.serialNumber()));
        return Result.empty();
    }

    private List<VirtualMfaDevice> devicesOf(IamUser user) {
        return iam.listMfaDevices(user.account()).stream()
                .filter(device -> user.userName().equalsIgnoreCase(device.userName()))
                .toList();
    }

    private IamUser existingUser(AuthenticatedCaller caller, String name) {
        return iam.findUser(account(caller), name).orElseThrow(() -> UserActions.noSuchUser(name));
    }

    /** A device of the caller's account; another account's device does not exist for this caller. */
    private VirtualMfaDevice existingDevice(AuthenticatedCaller caller, String serialNumber) {
        return iam.findMfaDevice(serialNumber)
                .filter(device -> device.account().equals(account(caller)))
                .orElseThrow(() -> noSuchDevice(serialNumber));
    }

    private static String serialNumber(QueryParameters params) {
        String serialNumber = params.required("SerialNumber");
        params.string("SerialNumber", 9, 256, SERIAL_NUMBER);
        return serialNumber;
    }

    private static String code(QueryParameters params, String member) {
        String code = params.required(member);
        params.string(member, 6, 6, CODE);
        return code;
    }

    private String newDeviceArn(AuthenticatedCaller caller, QueryParameters params) {
        return Arn.iam(account(caller), "mfa" + params.optional("Path").orElse("/")
                + params.optional("VirtualMFADeviceName").orElse("")).toString();
    }

    private static StsException alreadyInUse() {
        return new StsException(StsErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
    }

    private static StsException noSuchDevice(String serialNumber) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "MFA device with serial number " + serialNumber + " does not exist.");
    }
}
