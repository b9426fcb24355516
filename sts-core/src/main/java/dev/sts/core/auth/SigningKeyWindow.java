package dev.sts.core.auth;

import dev.sts.core.sigv4.CredentialScope;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which scopes a signing key may be derived for when it leaves policy-service. A signing key is a credential for
 * its day, region and service, so a key for a far-future date would be a long-lived credential: only today's UTC
 * date or the day before or after (a request within SigV4's five-minute clock skew can name either), only the
 * regions of the endpoints that verify signatures, only the services that verify them ({@link #SERVICES}).
 * <p>
 * policy-service's internal endpoint refuses every other scope; token-service asks the same question first, so a
 * request outside the window (an old presigned URL) gets {@code SignatureDoesNotMatch} without a remote call.
 */
public final class SigningKeyWindow {
    /** The services whose signatures are verified with resolved keys: STS, IAM, and the audit query API. */
    public static final Set<String> SERVICES = Set.of("sts", "iam", "cloudtrail");
    /** The refusal's wording; it names no key. */
    public static final String OUTSIDE = "Long-term keys are verified only for requests dated within a day of the "
            + "current UTC date, scoped to this endpoint's region and service.";

    private static final Pattern DATE = Pattern.compile("[0-9]{8}");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final Clock clock;
    private final Set<String> regions;
    private final Set<String> services;

    /**
     * @param regions  the regions a scope may name (the endpoints' own regions)
     * @param services the signing names a scope may name, a subset of {@link #SERVICES}
     */
    public SigningKeyWindow(Clock clock, Set<String> regions, Set<String> services) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.regions = Set.copyOf(regions);
        this.services = Set.copyOf(services);
        if (this.regions.isEmpty() || this.services.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one region and one service");
        }
        if (!SERVICES.containsAll(this.services)) {
            throw new IllegalArgumentException("keys are resolved only for " + SERVICES + ", not " + this.services);
        }
    }

    /** Whether a signing key may be derived for {@code scope}: its date, region and service are all allowed. */
    public boolean allows(CredentialScope scope) {
        return refusal(scope).isEmpty();
    }

    /** What is wrong with {@code scope}, for the internal endpoint's answer; empty when it is allowed. */
    public Optional<String> refusal(CredentialScope scope) {
        if (!services.contains(scope.service())) {
            return Optional.of("service not allowed");
        }
        if (!regions.contains(scope.region())) {
            return Optional.of("region not allowed");
        }
        if (!DATE.matcher(scope.date()).matches()) {
            return Optional.of("date must be yyyyMMdd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(scope.date(), YYYYMMDD);
        } catch (DateTimeException e) {
            return Optional.of("date must be yyyyMMdd");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (date.isBefore(today.minusDays(1)) || date.isAfter(today.plusDays(1))) {
            return Optional.of("date outside the clock-skew window");
        }
        return Optional.empty();
    }
}
