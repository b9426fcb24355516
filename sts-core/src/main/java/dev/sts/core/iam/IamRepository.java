package dev.sts.core.iam;

import dev.sts.core.federation.OidcProvider;
import dev.sts.core.federation.OutboundFederation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.KeyValueStore;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

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
 * <p>
 * Constructed with a {@link SecretSealer} (policy-service, which holds the key-encryption key), the repository
 * seals an access key's secret and an MFA device's seed on every write and opens them on read; the associated
 * data is the record's key and the field's name, so a sealed value moved to another record does not open. A
 * field that does not open (unknown key id or version, damaged) is handed back still sealed, and a sealed
 * value is never usable as a secret ({@link AccessKeyResolution}, {@link dev.sts.core.mfa.Totp}): such a key
 * cannot authenticate and such a device accepts no code. Constructed without one (a read-only view such as
 * token-service's), sealed fields stay sealed. Legacy plaintext fields read as they are until
 * {@link #rewrapSecrets} seals them.
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

    private static final Logger LOG = Logger.getLogger(IamRepository.class.getName());
    private static final SecretField<AccessKey> ACCESS_KEY_SECRET = new SecretField<>("secretAccessKey",
            AccessKey::secretAccessKey, (k, secret) -> new AccessKey(k.accessKeyId(), secret, k.status(), k.account(),
            k.userName(), k.createDate()));
    private static final SecretField<VirtualMfaDevice> MFA_SEED = new SecretField<>("base32Seed",
            VirtualMfaDevice::base32Seed, (d, seed) -> new VirtualMfaDevice(d.account(), d.serialNumber(), seed,
            d.userName(), d.enableDate(), d.createDate()));

    private final KeyValueStore store;
    private final SecretSealer sealer;
    private final DecodedRecordCache decoded = new DecodedRecordCache(DECODED_RECORDS_BYTES);

    /** A repository that never seals or opens secret fields: a read-only view without the key-encryption key. */
    public IamRepository(KeyValueStore store) {
        this(store, null);
    }

    /** A repository that seals secret fields on write and opens them on read with {@code sealer} (null: neither). */
    public IamRepository(KeyValueStore store, SecretSealer sealer) {
        this.store = store;
        this.sealer = sealer;
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
        String redisKey = accessKeyKey(key.accessKeyId());
        return store.create(redisKey, write(sealed(redisKey, key, ACCESS_KEY_SECRET)), accessKeyIndex(key.account(), key.userName()),
                key.accessKeyId());
    }

    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return readSecret(accessKeyKey(accessKeyId), AccessKey.class, ACCESS_KEY_SECRET);
    }

    /** The keys of a user, or of the account root when {@code userName} is null. */
    public List<AccessKey> listAccessKeys(String account, String userName) {
        return list(accessKeyIndex(account, userName), id -> readSecret(accessKeyKey(id), AccessKey.class, ACCESS_KEY_SECRET),
                Comparator.comparing(AccessKey::createDate));
    }

    public AccessKey updateAccessKey(String accessKeyId, UnaryOperator<AccessKey> change) {
        return updateSecret(accessKeyKey(accessKeyId), AccessKey.class, ACCESS_KEY_SECRET, change,
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

    // ---- OpenID Connect providers (keyed by ARN: the host and path are kept as registered)

    public boolean createOidcProvider(OidcProvider provider) {
        return store.create(oidcProviderKey(provider.arn()), write(provider), oidcProviderIndex(provider.account()),
                provider.arn());
    }

    public Optional<OidcProvider> findOidcProvider(String providerArn) {
        return read(oidcProviderKey(providerArn), OidcProvider.class);
    }

    public List<OidcProvider> listOidcProviders(String account) {
        return list(oidcProviderIndex(account), IamRepository::oidcProviderKey, OidcProvider.class,
                Comparator.comparing(OidcProvider::arn));
    }

    public OidcProvider updateOidcProvider(String providerArn, UnaryOperator<OidcProvider> change) {
        return update(oidcProviderKey(providerArn), OidcProvider.class, change, () -> noSuchOidcProvider(providerArn));
    }

    public boolean deleteOidcProvider(OidcProvider provider) {
        return delete(oidcProviderKey(provider.arn()), oidcProviderIndex(provider.account()), provider.arn());
    }

    public static StsException noSuchOidcProvider(String providerArn) {
        return noSuchEntity("OpenIDConnect Provider not found for arn " + providerArn);
    }

    // ---- outbound web identity federation (one record per account that enabled it)

    /** Records {@code federation}; false when the account has it on already. */
    public boolean enableOutboundFederation(OutboundFederation federation) {
        return store.create(outboundFederationKey(federation.account()), write(federation), "iam:outbound-federations",
                federation.account());
    }

    public Optional<OutboundFederation> findOutboundFederation(String account) {
        return read(outboundFederationKey(account), OutboundFederation.class);
    }

    /** Removes the account's record; false when it had none. */
    public boolean disableOutboundFederation(String account) {
        return delete(outboundFederationKey(account), "iam:outbound-federations", account);
    }

    /** Every account with outbound federation on. */
    public List<OutboundFederation> listOutboundFederations() {
        return list("iam:outbound-federations", IamRepository::outboundFederationKey, OutboundFederation.class,
                Comparator.comparing(OutboundFederation::account));
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
        String redisKey = mfaKey(device.serialNumber());
        return store.create(redisKey, write(sealed(redisKey, device, MFA_SEED)), "iam:mfa-devices:" + device.account(),
                device.serialNumber());
    }

    public Optional<VirtualMfaDevice> findMfaDevice(String serialNumber) {
        return readSecret(mfaKey(serialNumber), VirtualMfaDevice.class, MFA_SEED);
    }

    public List<VirtualMfaDevice> listMfaDevices(String account) {
        return list("iam:mfa-devices:" + account, serial -> readSecret(mfaKey(serial), VirtualMfaDevice.class, MFA_SEED),
                Comparator.comparing(VirtualMfaDevice::serialNumber));
    }

    public VirtualMfaDevice updateMfaDevice(String serialNumber, UnaryOperator<VirtualMfaDevice> change) {
        return updateSecret(mfaKey(serialNumber), VirtualMfaDevice.class, MFA_SEED, change,
                () -> noSuchEntity("MFA device with serial number " + serialNumber + " does not exist."));
    }

    public boolean deleteMfaDevice(VirtualMfaDevice device) {
        return delete(mfaKey(device.serialNumber()), "iam:mfa-devices:" + device.account(), device.serialNumber());
    }

    // ---- secrets at rest

    /**
     * Seals every secret field under the active key-encryption key: fields sealed under an older key are
     * opened and sealed again, legacy plaintext ones are sealed. Walks every account's access keys (the root's
     * and each user's) and MFA devices through the index sets. Each record is replaced by compare-and-set, so
     * IAM writes may run meanwhile: a record changed under the rewrap is read again and retried.
     *
     * @return counts only, never a value
     * @throws IllegalStateException when this repository holds no sealer
     */
    public SecretRewrapReport rewrapSecrets() {
        if (sealer == null) {
            throw new IllegalStateException("this IAM repository holds no key-encryption key");
        }
        SecretRewrapReport.Tally tally = new SecretRewrapReport.Tally();
        for (String account : store.members("iam:accounts")) {
            List<String> keyIndexes = new java.util.ArrayList<>();
            keyIndexes.add(accessKeyIndex(account, null));
            for (String user : store.members("iam:users:" + account)) {
                keyIndexes.add(accessKeyIndex(account, user));
            }
            for (String index : keyIndexes) {
                for (String accessKeyId : store.members(index)) {
                    tally.add(rewrap(accessKeyKey(accessKeyId), AccessKey.class, ACCESS_KEY_SECRET));
                }
            }
            for (String serial : store.members("iam:mfa-devices:" + account)) {
                tally.add(rewrap(mfaKey(serial), VirtualMfaDevice.class, MFA_SEED));
            }
        }
        return tally.report(sealer.activeKeyId());
    }

    private <T> SecretRewrapReport.Outcome rewrap(String key, Class<T> type, SecretField<T> field) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(key);
            if (current.isEmpty()) {
                return SecretRewrapReport.Outcome.GONE;
            }
            T stored = parse(current.get(), key, type);
            String value = field.get().apply(stored);
            if (!sealer.needsRewrap(value)) {
                return SecretRewrapReport.Outcome.CURRENT;
            }
            Optional<String> plain = sealer.open(value, field.context(key));
            if (plain.isEmpty()) {
                LOG.warning("rewrap: the " + field.name() + " of " + key + " does not open under any key-encryption key"
                        + " (unknown key id or version, or damaged); left as it is");
                return SecretRewrapReport.Outcome.UNREADABLE;
            }
            String next = write(field.with().apply(stored, sealer.seal(plain.get(), field.context(key))));
            if (store.replace(key, current.get(), next)) {
                return SecretSealer.isSealed(value) ? SecretRewrapReport.Outcome.REWRAPPED : SecretRewrapReport.Outcome.SEALED;
            }
        }
        throw new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "Too many concurrent changes; please retry.");
    }

    /** One secret field of a record type: its name (part of the associated data), how to read and replace it. */
    private record SecretField<T>(String name, Function<T, String> get, BiFunction<T, String, T> with) {
        String context(String redisKey) {
            return redisKey + "#" + name;
        }
    }

    private <T> T sealed(String key, T entity, SecretField<T> field) {
        String value = field.get().apply(entity);
        if (sealer == null || value == null || SecretSealer.isSealed(value)) {
            return entity;
        }
        return field.with().apply(entity, sealer.seal(value, field.context(key)));
    }

    private <T> T opened(String key, T entity, SecretField<T> field) {
        String value = field.get().apply(entity);
        if (sealer == null || !SecretSealer.isSealed(value)) {
            return entity;
        }
        Optional<String> plain = sealer.open(value, field.context(key));
        if (plain.isEmpty()) {
            LOG.warning("the " + field.name() + " of " + key + " does not open under any key-encryption key (unknown"
                    + " key id or version, or damaged): it stays sealed and cannot be used");
            return entity;
        }
        return field.with().apply(entity, plain.get());
    }

    private <T> Optional<T> readSecret(String key, Class<T> type, SecretField<T> field) {
        return store.get(key).map(json -> opened(key, parse(json, key, type), field));
    }

    private <T> T updateSecret(String key, Class<T> type, SecretField<T> field, UnaryOperator<T> change,
                               java.util.function.Supplier<StsException> absent) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            String current = store.get(key).orElseThrow(absent);
            T before = opened(key, parse(current, key, type), field);
            T updated = change.apply(before);
            if (updated.equals(before) || store.replace(key, current, write(sealed(key, updated, field)))) {
                return updated;
            }
        }
        throw new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "Too many concurrent changes; please retry.");
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

    private <T> List<T> list(String index, Function<String, String> keyOf, Class<T> type, Comparator<T> order) {
        return list(index, member -> read(keyOf.apply(member), type), order);
    }

    private <T> List<T> list(String index, Function<String, Optional<T>> readMember, Comparator<T> order) {
        return store.members(index).stream()
                .map(readMember)
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

    private static String oidcProviderKey(String providerArn) {
        return "iam:oidc-provider:" + providerArn;
    }

    private static String oidcProviderIndex(String account) {
        return "iam:oidc-providers:" + account;
    }

    private static String outboundFederationKey(String account) {
        return "iam:outbound-federation:" + account;
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
