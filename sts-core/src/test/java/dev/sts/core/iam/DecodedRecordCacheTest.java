package dev.sts.core.iam;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodedRecordCacheTest {
    private final AtomicInteger decodes = new AtomicInteger();
    private final Function<String, Account> decoder = json -> {
        decodes.incrementAndGet();
        return new Account(json, "alias-" + json);
    };

    @Test
    void theSameTextIsDecodedOnceAndAnsweredWithTheSameEntity() {
        DecodedRecordCache cache = new DecodedRecordCache(1 << 20);
        Account first = cache.decode("111111111111", Account.class, decoder);
        Account second = cache.decode(new String("111111111111"), Account.class, decoder);

        assertThat(second).isSameAs(first).isEqualTo(new Account("111111111111", "alias-111111111111"));
        assertThat(decodes).hasValue(1);
    }

    @Test
    void aChangedTextIsDecodedAfresh() {
        DecodedRecordCache cache = new DecodedRecordCache(1 << 20);
        cache.decode("111111111111", Account.class, decoder);

        assertThat(cache.decode("222222222222", Account.class, decoder))
                .isEqualTo(new Account("222222222222", "alias-222222222222"));
        assertThat(decodes).hasValue(2);
    }

    @Test
    void theSameTextAsAnotherTypeIsDecodedSeparately() {
        DecodedRecordCache cache = new DecodedRecordCache(1 << 20);
        cache.decode("x", Account.class, decoder);

        assertThat(cache.decode("x", String.class, json -> "as a string")).isEqualTo("as a string");
        assertThat(cache.decode("x", Account.class, decoder)).isEqualTo(new Account("x", "alias-x"));
        assertThat(decodes).hasValue(1);
    }

    @Test
    void manyLargeDistinctTextsKeepTheCacheWithinItsByteBudgetAndAnswersStayRight() {
        long budget = 256 * 1024;
        DecodedRecordCache cache = new DecodedRecordCache(budget);
        String large = "x".repeat(20_000);
        for (int i = 0; i < 200; i++) {
            String text = large + i;
            assertThat(cache.decode(text, Account.class, decoder)).isEqualTo(new Account(text, "alias-" + text));
            assertThat(cache.weightedSize()).isLessThanOrEqualTo(budget);
        }
        assertThat(cache.size()).as("some entries kept, far from all 200").isBetween(1, 4);
        assertThat(cache.decode(large + 0, Account.class, decoder)).isEqualTo(new Account(large + 0, "alias-" + large + 0));
        assertThat(DecodedRecordCache.weight(large)).isGreaterThanOrEqualTo(2 * large.length());
    }

    @Test
    void aTextThatDoesNotDecodeIsNotKept() {
        DecodedRecordCache cache = new DecodedRecordCache(1 << 20);
        Function<String, Account> failing = json -> {
            decodes.incrementAndGet();
            throw new IllegalStateException("corrupt");
        };
        assertThatThrownBy(() -> cache.decode("{", Account.class, failing)).hasMessage("corrupt");
        assertThatThrownBy(() -> cache.decode("{", Account.class, failing)).hasMessage("corrupt");

        assertThat(decodes).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new DecodedRecordCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
