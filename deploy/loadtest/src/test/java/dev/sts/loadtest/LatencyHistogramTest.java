package dev.sts.loadtest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void anEmptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.valueAtPercentile(99)).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.min()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.valueAtPercentile(50)).isEqualTo(50);
        assertThat(h.valueAtPercentile(99)).isEqualTo(99);
        assertThat(h.valueAtPercentile(100)).isEqualTo(100);
        assertThat(h.valueAtPercentile(0)).isEqualTo(1);
        assertThat(h.mean()).isEqualTo(50.5);
    }

    @Test
    void everyIndexMapsBackToABucketHoldingTheValue() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            int index = LatencyHistogram.indexOf(v);
            assertThat(LatencyHistogram.highestValueAt(index)).isGreaterThanOrEqualTo(v);
            assertThat(LatencyHistogram.highestValueAt(index) - v).isLessThanOrEqualTo(Math.max(0, v / 128));
        }
        assertThat(LatencyHistogram.highestValueAt(LatencyHistogram.indexOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(LatencyHistogram.indexOf(255)).isEqualTo(255);
        assertThat(LatencyHistogram.indexOf(256)).isEqualTo(256);
    }

    @Test
    void percentilesAreWithinOnePartIn128OfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 200_000;
        long[] values = new long[n];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < n; i++) {
            // Log-normal-ish latencies from 50 µs to seconds, in nanoseconds, like a real run.
            values[i] = (long) (50_000 * Math.exp(random.nextDouble() * random.nextDouble() * 12));
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {1, 25, 50, 90, 99, 99.9, 99.99}) {
            long exact = values[(int) Math.ceil(p / 100 * n) - 1];
            assertThat((double) h.valueAtPercentile(p)).as("p%s", p).isCloseTo(exact, within(exact / 128.0 + 1));
            assertThat(h.valueAtPercentile(p)).isGreaterThanOrEqualTo(exact);
        }
        assertThat(h.max()).isEqualTo(values[n - 1]);
        assertThat(h.min()).isEqualTo(values[0]);
        assertThat(h.valueAtPercentile(100)).isEqualTo(values[n - 1]);
    }

    @Test
    void addingHistogramsIsTheSameAsRecordingIntoOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong(1, 50_000_000);
            (i % 3 == 0 ? a : b).record(v);
            both.record(v);
        }
        a.add(b);
        assertThat(a.count()).isEqualTo(both.count());
        assertThat(a.max()).isEqualTo(both.max());
        assertThat(a.min()).isEqualTo(both.min());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            assertThat(a.valueAtPercentile(p)).isEqualTo(both.valueAtPercentile(p));
        }
    }

    @Test
    void aPercentileNeverExceedsTheMaximumNorNegativeValuesCount() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_001);
        h.record(-5);
        assertThat(h.valueAtPercentile(100)).isEqualTo(1_000_001);
        assertThat(h.valueAtPercentile(50)).isZero();
        assertThatThrownBy(() -> h.valueAtPercentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
