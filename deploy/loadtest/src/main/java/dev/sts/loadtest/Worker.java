package dev.sts.loadtest;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection and the thread that drives it: send, wait for the whole response, record, repeat. Closed loop:
 * the next request goes as soon as the response is in. Open loop: the next request goes at the due time of the
 * next free {@link Schedule} slot. All recording is into this worker's own counters; the report adds them up
 * after the thread has ended.
 *
 * <p>Latency is from the due time (open loop) or the send time (closed loop) to the last byte of the response,
 * and is recorded for successful responses only; errors are counted by AWS error code, and failures to connect
 * or read by exception.
 */
final class Worker implements Runnable {
    private static final long RECONNECT_PAUSE_NANOS = 50_000_000L;

    private final int id;
    private final int workers;
    private final Schedule schedule;
    private final SignedRequests requests;
    private final HttpConnection connection;
    private final LongAdder progressOk;
    private final LongAdder progressErrors;

    final LatencyHistogram latency = new LatencyHistogram();
    final Map<String, Long> errors = new HashMap<>();
    long ok;
    /** Responses (ok or not) received within the measured window: the throughput. */
    long completedInWindow;
    /** Open loop: requests due within the measured window that were sent. */
    long sentInWindow;

    Worker(int id, int workers, Schedule schedule, SignedRequests requests, HttpConnection connection,
           LongAdder progressOk, LongAdder progressErrors) {
        this.id = id;
        this.workers = workers;
        this.schedule = schedule;
        this.requests = requests;
        this.connection = connection;
        this.progressOk = progressOk;
        this.progressErrors = progressErrors;
    }

    @Override
    public void run() {
        long sequence = id;
        parkUntil(schedule.start);
        while (true) {
            long due;
            if (schedule.openLoop()) {
                if (System.nanoTime() >= schedule.hardStop) {
                    return;
                }
                due = schedule.nextDueTime();
                if (due >= schedule.end) {
                    return;
                }
                parkUntil(due);
            } else {
                due = System.nanoTime();
                if (due >= schedule.end) {
                    return;
                }
            }
            byte[] request = requests.next(sequence);
            sequence += workers;

            String error = null;
            try {
                HttpConnection.Response response = connection.exchange(request);
                if (!response.ok()) {
                    error = response.errorCode();
                }
            } catch (IOException | RuntimeException e) {
                error = "(client) " + e.getClass().getSimpleName();
            }
            long done = System.nanoTime();

            if (error == null) {
                progressOk.increment();
            } else {
                progressErrors.increment();
            }
            if (due >= schedule.measureFrom) {
                sentInWindow++;
                if (done < schedule.end) {
                    completedInWindow++;
                }
                if (error == null) {
                    ok++;
                    latency.record(done - due);
                } else {
                    errors.merge(error, 1L, Long::sum);
                }
            }
            if (error != null && error.startsWith("(client)")) {
                // The server refused or dropped the connection: don't spin on reconnecting.
                parkUntil(Math.min(System.nanoTime() + RECONNECT_PAUSE_NANOS, schedule.hardStop));
            }
        }
    }

    private static void parkUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Unblocks a worker stuck on a read after the hard stop. */
    void abort() {
        connection.close();
    }
}
