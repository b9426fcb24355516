package dev.sts.core.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.KeyValueStore;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * IAM state as JSON documents in a {@link KeyValueStore}: accounts, users, access keys, roles, managed
 * policies and MFA devices, each listed in a per-account index set.
 * <p>
 * Names of users, roles and policies are unique regardless of case, as in IAM, so keys use the
 * lower-cased name while documents keep the name as given. Updates are compare-and-set with retries,
 * so two concurrent changes to one role can never lose each other.
 * <p>
 * Reads of accounts, users, roles and managed policies keep what they decoded, keyed by the stored text
 * ({@link DecodedRecordCache}): behind a cached store the same text comes back until it changes, and decoding
 * it again on every AssumeRole was a measurable share of the CPU. Updates always decode the text they are
 * about to replace.
 */
public final class IamRepository {
    private static final int MAX_UPDATE_ATTEMPTS = 16;
    /** Bytes of decoded records kept: the hot set of roles, users and policies, not the whole of IAM. */
    private static final long DECODED_RECORDS_BYTES = 16L << 20;
    /**
     * The types whose decoded records are kept and shared between readers: immutable records without secrets.
     * Access keys and MFA devices are left out: keeping them would keep a deleted key's secret or a device's
     * seed in memory long after the record is gone, and neither is read on every request.
     */
    private static final Set<Class<?>> SHARED_WHEN_DECODED =
            Set.of(Account.class, IamUser.class, IamRole.class, ManagedPolicy.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeyValueStore store;
    private final DecodedRecordCache decoded = new DecodedRecordCache(DECODED_RECORDS_BYTES);

    public IamRepository(KeyValueStore store) {
        this.store = store;
    }

    // ---- accounts

    public boolean createAccount(Account account) {
        return store.create("iam:account:" + account.accountId(), write(account), "iam:accounts", account.accountId());
    }

    public Optional<Account> findAccount(String accountId) {
        return read("iam:account:" + accountId, Account.class);
    }

    // ---- users

    public boolean createUser(IamUser user) {
        return store.create(userKey(user.account(), user.userName()), write(user), "iam:users:" + user.account(),
                fold(user.userName()));
    }

    public Optional<IamUser> findUser(String account, String userName) {
        return read(userKey(account, userName), IamUser.class);
    }

    public List<IamUser> listUsers(String account) {
        return list("iam:users:" + account, name -> userKey(account, name), IamUser.class,
                Comparator.comparing(IamUser::userName));
    }

    public IamUser updateUser(String account, String userName, UnaryOperator<IamUser> change) {
        return update(userKey(account, userName), IamUser.class, change,
                () -> noSuchEntity("The user with name " + userName + " cannot be found."));
    }

    public boolean deleteUser(String account, String userName) {
        return delete(userKey(account, userName), "iam:users:" + account, fold(userName));
    }

    // ---- access keys

    public boolean createAccessKey(AccessKey key) {
        return store.create(accessKeyKey(key.accessKeyId()), write(key), accessKeyIndex(key.account(), key.userName()),
                key.accessKeyId());
    }

    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return read(accessKeyKey(accessKeyId), AccessKey.class);
    }

    /** The keys of a user, or of the account root when {@code userName} is null. */
    public List<AccessKey> listAccessKeys(String account, String userName) {
        return list(accessKeyIndex(account, userName), IamRepository::accessKeyKey, AccessKey.class,
                Comparator.comparing(AccessKey::createDate));
    }

    public AccessKey updateAccessKey(String accessKeyId, UnaryOperator<AccessKey> change) {
        return update(accessKeyKey(accessKeyId), AccessKey.class, change,
                () -> noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found."));
    }

    public boolean deleteAccessKey(AccessKey key) {
        return delete(accessKeyKey(key.accessKeyId()), accessKeyIndex(key.account(), key.userName()), key.accessKeyId());
    }

    // ---- roles

    public boolean createRole(IamRole role) {
        return store.create(roleKey(role.account(), role.roleName()), write(role), "iam:roles:" + role.account(),
                fold(role.roleName()));
    }

    public Optional<IamRole> findRole(String account, String roleName) {
        return read(roleKey(account, roleName), IamRole.class);
    }

    public List<IamRole> listRoles(String account) {
        return list("iam:roles:" + account, name -> roleKey(account, name), IamRole.class,
                Comparator.comparing(IamRole::roleName));
    }

    public IamRole updateRole(String account, String roleName, UnaryOperator<IamRole> change) {
        return update(roleKey(account, roleName), IamRole.class, change, () -> noSuchRole(roleName));
    }

    public boolean deleteRole(String account, String roleName) {
        return delete(roleKey(account, roleName), "iam:roles:" + account, fold(roleName));
    }

    public static StsException noSuchRole(String roleName) {
        return noSuchEntity("The role with name " + roleName + " cannot be found.");
    }

    // ---- customer managed policies (AWS managed ones come from AwsManagedPolicies)

    public boolean createPolicy(ManagedPolicy policy) {
        return store.create(policyKey(policy.arn()), write(policy), "iam:policies:" + policy.account(),
                policy.arn().toLowerCase(Locale.ROOT));
    }

    public Optional<ManagedPolicy> findPolicy(String policyArn) {
        Optional<ManagedPolicy> awsManaged = AwsManagedPolicies.find(policyArn);
        return awsManaged.isPresent() ? awsManaged : read(policyKey(policyArn), ManagedPolicy.class);
    }

    public List<ManagedPolicy> listPolicies(String account) {
        return list("iam:policies:" + account, IamRepository::policyKey, ManagedPolicy.class,
                Comparator.comparing(ManagedPolicy::policyName));
    }

    public ManagedPolicy updatePolicy(String policyArn, UnaryOperator<ManagedPolicy> change) {
        return update(policyKey(policyArn), ManagedPolicy.class, change, () -> noSuchPolicy(policyArn));
    }

    public boolean deletePolicy(ManagedPolicy policy) {
        return delete(policyKey(policy.arn()), "iam:policies:" + policy.account(), policy.arn().toLowerCase(Locale.ROOT));
    }

    /**
     * The managed policy {@code account} may attach or use as a boundary: AWS managed or its own.
     *
     * @throws StsException NoSuchEntity, the same for another account's policy as for a missing one
     */
    public ManagedPolicy findAttachablePolicy(String account, String policyArn) {
        return findPolicy(policyArn).filter(policy -> ManagedPolicyArns.attachableIn(account, policy))
                .orElseThrow(() -> noSuchPolicy(policyArn));
    }

    public static StsException noSuchPolicy(String policyArn) {
        return noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
    }

    /** Who a managed policy is attached to: entries like {@code role/111111111111/Admin}. */
    public Set<String> attachmentsOf(String policyArn) {
        return store.members(attachmentIndex(policyArn));
    }

    public void recordAttachment(String policyArn, String entity) {
        store.addMember(attachmentIndex(policyArn), entity);
    }

    public void removeAttachment(String policyArn, String entity) {
        store.removeMember(attachmentIndex(policyArn), entity);
    }

    // ---- MFA devices

    public boolean createMfaDevice(VirtualMfaDevice device) {
        return store.create(mfaKey(device.serialNumber()), write(device), "iam:mfa-devices:" + device.account(),
                device.serialNumber());
    }

    public Optional<VirtualMfaDevice> findMfaDevice(String serialNumber) {
        return read(mfaKey(serialNumber), VirtualMfaDevice.class);
    }

    public List<VirtualMfaDevice> listMfaDevices(String account) {
        return list("iam:mfa-devices:" + account, IamRepository::mfaKey, VirtualMfaDevice.class,
                Comparator.comparing(VirtualMfaDevice::serialNumber));
    }

    public VirtualMfaDevice updateMfaDevice(String serialNumber, UnaryOperator<VirtualMfaDevice> change) {
        return update(mfaKey(serialNumber), VirtualMfaDevice.class, change,
                () -> noSuchEntity("MFA device with serial number " + serialNumber + " does not exist."));
    }

    public boolean deleteMfaDevice(VirtualMfaDevice device) {
        return delete(mfaKey(device.serialNumber()), "iam:mfa-devices:" + device.account(), device.serialNumber());
    }

    // ---- mechanics

    private <T> T update(String key, Class<T> type, UnaryOperator<T> change, java.util.function.Supplier<StsException> absent) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            String current = store.get(key).orElseThrow(absent);
            T updated = change.apply(parse(current, key, type));
            String next = write(updated);
            if (next.equals(current) || store.replace(key, current, next)) {
                return updated;
            }
        }
        throw new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "Too many concurrent changes; please retry.");
    }

    private boolean delete(String key, String index, String member) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(key);
            if (current.isEmpty()) {
                return false;
            }
            if (store.delete(key, current.get(), index, member)) {
                return true;
            }
        }
        throw new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "Too many concurrent changes; please retry.");
    }

    private <T> List<T> list(String index, java.util.function.Function<String, String> keyOf, Class<T> type,
                             Comparator<T> order) {
        return store.members(index).stream()
                .map(member -> read(keyOf.apply(member), type))
                .flatMap(Optional::stream)
                .sorted(order)
                .toList();
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        return store.get(key).map(json -> SHARED_WHEN_DECODED.contains(type)
                ? decoded.decode(json, type, text -> parse(text, key, type))
                : parse(json, key, type));
    }

    private static <T> T parse(String json, String key, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt IAM record at " + key, e);
        }
    }

    private static String write(Object entity) {
        try {
            return JSON.writeValueAsString(Objects.requireNonNull(entity));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + entity.getClass().getSimpleName(), e);
        }
    }

    private static StsException noSuchEntity(String message) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, message);
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String userKey(String account, String userName) {
        return "iam:user:" + account + ":" + fold(userName);
    }

    private static String roleKey(String account, String roleName) {
        return "iam:role:" + account + ":" + fold(roleName);
    }

    private static String policyKey(String policyArn) {
        return "iam:policy:" + policyArn.toLowerCase(Locale.ROOT);
    }

    private static String attachmentIndex(String policyArn) {
        return "iam:policy-attachments:" + policyArn.toLowerCase(Locale.ROOT);
    }

    private static String accessKeyKey(String accessKeyId) {
        return "iam:access-key:" + accessKeyId;
    }

    private static String accessKeyIndex(String account, String userName) {
        return "iam:access-keys:" + account + ":" + (userName == null ? "<root>" : fold(userName));
    }

    private static String mfaKey(String serialNumber) {
        return "iam:mfa:" + serialNumber;
    }
}
