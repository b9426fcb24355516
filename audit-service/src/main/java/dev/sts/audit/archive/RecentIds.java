package dev.sts.audit.archive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last {@code capacity} archived events, so that a redelivery is skipped, in memory that does
 * not grow or churn with the stream.
 * <p>
 * Ids in the canonical UUID form (every event this platform writes) are kept as two longs each, in a ring
 * indexed by an open-addressing table: remembering an id allocates nothing. (A window of objects, a
 * LinkedHashMap of 100,000 strings, kept about 100 MB of old-generation garbage turning over under load,
 * doubled audit-service's young-collection time, and brought full collections of about 220 ms on both cores,
 * which stalled the STS beside it.) Any other id is kept as a string, in a window of its own of the same size.
 * Not thread-safe: the archive calls it under its own lock.
 */
final class RecentIds {
    private final int capacity;
    private final long[] high;
    private final long[] low;
    /** Ring position + 1 of the id whose hash leads here, or 0 for an empty slot; linear probing. */
    private final int[] index;
    private final int mask;
    private int size;
    private int next;
    private final Map<String, Boolean> others;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.high = new long[capacity];
        this.low = new long[capacity];
        // At most half full, so probes stay short.
        this.index = new int[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2];
        this.mask = index.length - 1;
        this.others = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentIds.this.capacity;
            }
        };
    }

    boolean contains(String id) {
        long[] uuid = uuidBits(id);
        return uuid == null ? others.containsKey(id) : slotOf(uuid[0], uuid[1]) >= 0;
    }

    /** Remembers {@code id}, forgetting the oldest when the window is full; an id already remembered stays where it is. */
    void add(String id) {
        long[] uuid = uuidBits(id);
        if (uuid == null) {
            others.putIfAbsent(id, Boolean.TRUE);
            return;
        }
        if (slotOf(uuid[0], uuid[1]) >= 0) {
            return;
        }
        if (size == capacity) {
            removeFromIndex(next);
        } else {
            size++;
        }
        high[next] = uuid[0];
        low[next] = uuid[1];
        int slot = home(uuid[0], uuid[1]);
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = next + 1;
        next = (next + 1) % capacity;
    }

    /** The index slot that holds this id, or -1. */
    private int slotOf(long h, long l) {
        for (int slot = home(h, l); index[slot] != 0; slot = (slot + 1) & mask) {
            int position = index[slot] - 1;
            if (high[position] == h && low[position] == l) {
                return slot;
            }
        }
        return -1;
    }

    /** Takes the id at ring {@code position} out of the index, shifting back the entries probed past it. */
    private void removeFromIndex(int position) {
        int hole = slotOf(high[position], low[position]);
        for (int slot = (hole + 1) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            int entry = index[slot] - 1;
            int home = home(high[entry], low[entry]);
            // The entry may move into the hole only if its home is not cyclically within (hole, slot].
            boolean homeBetween = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!homeBetween) {
                index[hole] = index[slot];
                hole = slot;
            }
        }
        index[hole] = 0;
    }

    private int home(long h, long l) {
        long mixed = (h ^ Long.rotateLeft(l, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 29)) & mask;
    }

    /**
     * The 128 bits of an id written exactly as {@link java.util.UUID#toString()} writes one (lower-case hex,
     * dashes at 8, 13, 18 and 23), or null for anything else, so that two different strings never share bits.
     */
    static long[] uuidBits(String id) {
        if (id.length() != 36) {
            return null;
        }
        long[] bits = new long[2];
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int value = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (value < 0) {
                return null;
            }
            bits[digits / 16] = (bits[digits / 16] << 4) | value;
            digits++;
        }
        return bits;
    }
}
