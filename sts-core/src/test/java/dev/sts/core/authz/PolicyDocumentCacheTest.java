package dev.sts.core.authz;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentCacheTest {
    static final String TRUST_ALICE = trust("arn:aws:iam::111111111111:user/alice");
    static final String TRUST_BOB = trust("arn:aws:iam::111111111111:user/bob");

    @Test
    void theSameTextAndKindIsParsedOnce() {
        PolicyDocumentCache cache = new PolicyDocumentCache(1 << 20);
        PolicyDocument first = cache.parse(TRUST_ALICE, PolicyKind.TRUST);

        assertThat(cache.parse(new String(TRUST_ALICE), PolicyKind.TRUST)).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aChangedTextIsParsedAsTheNewDocument() {
        PolicyDocumentCache cache = new PolicyDocumentCache(1 << 20);
        PolicyDocument alice = cache.parse(TRUST_ALICE, PolicyKind.TRUST);
        PolicyDocument bob = cache.parse(TRUST_BOB, PolicyKind.TRUST);

        assertThat(bob).isNotSameAs(alice);
        assertThat(bob.json()).isEqualTo(TRUST_BOB);
        assertThat(cache.parse(TRUST_ALICE, PolicyKind.TRUST)).isSameAs(alice);
    }

    @Test
    void theKindIsPartOfTheKey() {
        PolicyDocumentCache cache = new PolicyDocumentCache(1 << 20);
        String identity = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

        assertThat(cache.parse(identity, PolicyKind.IDENTITY)).isNotSameAs(cache.parse(identity, PolicyKind.SESSION));
        // A trust policy must name a principal: the same text is refused as one, whatever was parsed as another kind.
        assertThatThrownBy(() -> cache.parse(identity, PolicyKind.TRUST)).isInstanceOf(StsException.class);
    }

    @Test
    void manyLargeDistinctDocumentsKeepTheCacheWithinItsByteBudget() {
        long budget = 1 << 20;
        PolicyDocumentCache cache = new PolicyDocumentCache(budget);
        for (int i = 0; i < 100; i++) {
            String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S" + i + "\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::" + "b".repeat(60_000) + i + "/*\"}]}";
            assertThat(cache.parse(json, PolicyKind.IDENTITY).statements()).hasSize(1);
            assertThat(cache.weightedSize()).isLessThanOrEqualTo(budget);
        }
        assertThat(cache.size()).as("a few kept, far from all 100").isBetween(1, 3);
        assertThat(PolicyDocumentCache.weight("x".repeat(1_000))).isGreaterThanOrEqualTo(2 * 1_000);
    }

    @Test
    void smallDocumentsAreAllKeptWithinTheBudget() {
        PolicyDocumentCache cache = new PolicyDocumentCache(1 << 20);
        for (int i = 0; i < 20; i++) {
            cache.parse(trust("arn:aws:iam::111111111111:user/user" + i), PolicyKind.TRUST);
        }
        assertThat(cache.size()).isEqualTo(20);
    }

    @Test
    void aDocumentThatDoesNotParseIsRefusedEveryTimeAndNotKept() {
        PolicyDocumentCache cache = new PolicyDocumentCache(1 << 20);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.parse("{\"Version\":\"2012-10-17\",\"Statement\":[", PolicyKind.TRUST))
                    .isInstanceOf(StsException.class)
                    .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.MALFORMED_POLICY_DOCUMENT);
        }
        assertThat(cache.size()).isZero();
    }

    static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
