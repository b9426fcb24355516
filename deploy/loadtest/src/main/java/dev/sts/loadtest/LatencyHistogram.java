package dev.sts.loadtest;

/**
 * A log-linear histogram of non-negative {@code long} values (here: latencies in nanoseconds), in the manner of
 * HdrHistogram: exact below 256, and above that 128 linear sub-buckets per power of two, so any recorded value is
 * reported within 1/128 (0.8 %) of itself. It covers the whole {@code long} range in 7,296 counters (57 KB) and
 * recording is a few shifts and one array increment, with no allocation.
 *
 * <p>Not thread-safe: each worker thread records into its own histogram, and the report {@link #add adds} them up.
 */
public final class LatencyHistogram {
    /** 2^SUB_BUCKET_BITS values are kept exactly; above that each power of two has HALF linear sub-buckets. */
    private static final int SUB_BUCKET_BITS = 8;
    private static final int HALF = 1 << (SUB_BUCKET_BITS - 1);
    private static final int BUCKETS = (63 - SUB_BUCKET_BITS) * HALF + 2 * HALF;

    private final long[] counts = new long[BUCKETS];
    private long totalCount;
    private long max;
    private long min = Long.MAX_VALUE;
    private double sum;

    /** Records one value; a negative value counts as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[indexOf(v)]++;
        totalCount++;
        sum += v;
        if (v > max) {
            max = v;
        }
        if (v < min) {
            min = v;
        }
    }

    /** Adds every value recorded in {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        totalCount += other.totalCount;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    public long count() {
        return totalCount;
    }

    /** The largest value recorded, exactly; 0 if none. */
    public long max() {
        return max;
    }

    /** The smallest value recorded, exactly; 0 if none. */
    public long min() {
        return totalCount == 0 ? 0 : min;
    }

    public double mean() {
        return totalCount == 0 ? 0 : sum / totalCount;
    }

    /**
     * The value below or at which {@code percentile} per cent of the recorded values lie (the nearest-rank
     * definition), reported as the highest value of its sub-bucket and never above {@link #max()}; 0 if empty.
     *
     * @param percentile from 0 to 100
     */
    public long valueAtPercentile(double percentile) {
        if (percentile < 0 || percentile > 100 || Double.isNaN(percentile)) {
            throw new IllegalArgumentException("percentile must be within 0..100: " + percentile);
        }
        if (totalCount == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * totalCount));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min(), Math.min(highestValueAt(i), max));
            }
        }
        return max;
    }

    static int indexOf(long value) {
        if (value < 2 * HALF) {
            return (int) value;
        }
        int shift = (63 - Long.numberOfLeadingZeros(value)) - (SUB_BUCKET_BITS - 1);
        return shift * HALF + (int) (value >>> shift);
    }

    /** The largest value that {@link #indexOf} maps to {@code index}. */
    static long highestValueAt(int index) {
        if (index < 2 * HALF) {
            return index;
        }
        int shift = index / HALF - 1;
        long subBucket = index - (long) shift * HALF;
        long lowest = subBucket << shift;
        return lowest + (1L << shift) - 1;
    }
}
