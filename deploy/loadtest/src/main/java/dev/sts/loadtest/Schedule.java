package dev.sts.loadtest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's clock, in {@link System#nanoTime()} units: warm-up from {@code start}, measurement from
 * {@code measureFrom} to {@code end}, and a hard stop after which nothing more is sent or awaited.
 *
 * <p>Open loop: request slot {@code n} is due at {@code start + n * interval}, whoever sends it. A worker takes the
 * next slot only when its previous response is in, so when the server falls behind, slots are sent late, and the
 * lateness is part of their latency (measured from the due time: no coordinated omission). After {@code end}
 * the workers still send the late slots that were due before it, until the hard stop; any left then are counted
 * as never sent.
 */
final class Schedule {
    final long start;
    final long measureFrom;
    final long end;
    final long hardStop;
    private final double intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong();

    Schedule(long start, long warmupNanos, long durationNanos, long graceNanos, int rate) {
        this.start = start;
        this.measureFrom = start + warmupNanos;
        this.end = measureFrom + durationNanos;
        this.hardStop = end + graceNanos;
        this.intervalNanos = rate > 0 ? 1e9 / rate : 0;
    }

    boolean openLoop() {
        return intervalNanos > 0;
    }

    /** The due time of the next open-loop slot; a value at or past {@link #end} means there are no more. */
    long nextDueTime() {
        return start + (long) (nextSlot.getAndIncrement() * intervalNanos);
    }

    /** How many open-loop slots fall due within the measured window. */
    long slotsInWindow() {
        return slotsBefore(end) - slotsBefore(measureFrom);
    }

    private long slotsBefore(long time) {
        return (long) Math.ceil((time - start) / intervalNanos);
    }
}
