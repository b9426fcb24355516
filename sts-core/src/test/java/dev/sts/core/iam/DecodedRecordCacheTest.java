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
        DecodedRecordCache cache = new DecodedRecordCache(10);
        Account first = cache.decode("111111111111", Account.class, decoder);
        Account second = cache.decode(new String("111111111111"), Account.class, decoder);

        assertThat(second).isSameAs(first).isEqualTo(new Account("111111111111", "alias-111111111111"));
        assertThat(decodes).hasValue(1);
    }

    @Test
    void aChangedTextIsDecodedAfresh() {
        DecodedRecordCache cache = new DecodedRecordCache(10);
        cache.decode("111111111111", Account.class, decoder);

        assertThat(cache.decode("222222222222", Account.class, decoder))
                .isEqualTo(new Account("222222222222", "alias-222222222222"));
        assertThat(decodes).hasValue(2);
    }

    @Test
    void theSameTextAsAnotherTypeIsDecodedSeparately() {
        DecodedRecordCache cache = new DecodedRecordCache(10);
        cache.decode("x", Account.class, decoder);

        assertThat(cache.decode("x", String.class, json -> "as a string")).isEqualTo("as a string");
        assertThat(cache.decode("x", Account.class, decoder)).isEqualTo(new Account("x", "alias-x"));
        assertThat(decodes).hasValue(1);
    }

    @Test
    void neverHoldsMoreThanItsBoundAndStillAnswersRightOnceCleared() {
        DecodedRecordCache cache = new DecodedRecordCache(3);
        for (int i = 0; i < 20; i++) {
            assertThat(cache.decode("text-" + i, Account.class, decoder)).isEqualTo(new Account("text-" + i, "alias-text-" + i));
            assertThat(cache.size()).isBetween(1, 3);
        }
        assertThat(cache.decode("text-0", Account.class, decoder)).isEqualTo(new Account("text-0", "alias-text-0"));
    }

    @Test
    void aTextThatDoesNotDecodeIsNotKept() {
        DecodedRecordCache cache = new DecodedRecordCache(10);
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
