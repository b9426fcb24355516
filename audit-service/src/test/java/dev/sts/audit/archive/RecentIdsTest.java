package dev.sts.audit.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecentIdsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1000})
    void remembersExactlyWhatAWindowOfTheLastNDistinctIdsRemembers(int capacity) {
        // The reference: first-in-first-out windows of distinct ids, as the archive had it before; one for
        // UUID-shaped ids and one for the others, as RecentIds keeps them.
        Map<String, Boolean> uuids = window(capacity);
        Map<String, Boolean> others = window(capacity);
        RecentIds recent = new RecentIds(capacity);
        SplittableRandom random = new SplittableRandom(capacity);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < capacity * 3 + 5; i++) {
            pool.add(i % 10 == 0 ? "not-a-uuid-" + i : UUID.randomUUID().toString());
        }
        for (int step = 0; step < 50_000; step++) {
            String id = pool.get(random.nextInt(pool.size()));
            Map<String, Boolean> reference = RecentIds.uuidBits(id) != null ? uuids : others;
            assertThat(recent.contains(id)).as("step %d, %s", step, id).isEqualTo(reference.containsKey(id));
            if (random.nextInt(3) > 0) {
                recent.add(id);
                reference.putIfAbsent(id, Boolean.TRUE);
            }
        }
        for (String id : pool) {
            assertThat(recent.contains(id)).as(id).isEqualTo(uuids.containsKey(id) || others.containsKey(id));
        }
    }

    private static Map<String, Boolean> window(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Test
    void aFullWindowForgetsTheOldestFirst() {
        RecentIds recent = new RecentIds(3);
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ids.subList(0, 3).forEach(recent::add);
        recent.add(ids.get(0)); // already there: stays the oldest
        recent.add(ids.get(3));
        assertThat(recent.contains(ids.get(0))).isFalse();
        assertThat(ids.subList(1, 4)).allMatch(recent::contains);
    }

    @Test
    void onlyTheCanonicalUuidSpellingIsPackedSoNoTwoStringsShareBits() {
        String id = "123e4567-e89b-42d3-a456-426614174000";
        assertThat(RecentIds.uuidBits(id)).containsExactly(0x123e4567e89b42d3L, 0xa456426614174000L);
        assertThat(RecentIds.uuidBits(id.toUpperCase())).isNull();
        assertThat(RecentIds.uuidBits("123e4567e89b-42d3-a456-426614174000-")).isNull();
        assertThat(RecentIds.uuidBits("123e4567-e89b-42d3-a456-42661417400g")).isNull();
        // The upper-case spelling is another id, remembered apart.
        RecentIds recent = new RecentIds(10);
        recent.add(id);
        assertThat(recent.contains(id)).isTrue();
        assertThat(recent.contains(id.toUpperCase())).isFalse();
        recent.add(id.toUpperCase());
        assertThat(recent.contains(id.toUpperCase())).isTrue();
    }
}
