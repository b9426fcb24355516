package dev.sts.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The load tool's command line: checks that one request succeeds, runs the workers for the warm-up and the
 * measured window, prints progress every 5 seconds, then the report (see {@link LoadTestOptions#USAGE}).
 * Exit status: 0 after a run, 1 if the first request failed or the run could not start, 2 for bad arguments.
 */
public final class LoadTest {
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Pattern WEB_IDENTITY_TOKEN = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final long MAX_WEB_IDENTITY_TOKEN_FILE_BYTES = 64 * 1024;

    private LoadTest() {
    }

    public static void main(String[] args) {
        if (LoadTestOptions.wantsHelp(args)) {
            System.out.print(LoadTestOptions.USAGE);
            return;
        }
        LoadTestOptions options;
        SigningKey key;
        String webIdentityToken;
        try {
            options = LoadTestOptions.parse(args);
            key = options.profileFile() == null ? SigningKey.developmentAdmin()
                    : SigningKey.fromProfileFile(options.profileFile(), options.profile());
            webIdentityToken = options.webIdentityTokenFile() == null ? null
                    : readWebIdentityToken(options.webIdentityTokenFile());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("sts-loadtest: " + e.getMessage());
            System.err.print(LoadTestOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, key, webIdentityToken, System.out));
    }

    /**
     * AssumeRoleWithWebIdentity's token from {@code file}: a compact JWS (base64url parts and dots), at most AWS's
     * 20,000 characters, surrounding whitespace dropped (as SDKs read {@code AWS_WEB_IDENTITY_TOKEN_FILE}).
     */
    static String readWebIdentityToken(Path file) throws IOException {
        if (Files.size(file) > MAX_WEB_IDENTITY_TOKEN_FILE_BYTES) {
            throw new IllegalArgumentException("--web-identity-token-file: " + file + " is larger than a token can be");
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.length() < 4 || token.length() > 20_000 || !WEB_IDENTITY_TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("--web-identity-token-file: " + file
                    + " does not hold a JWT (header.payload.signature, base64url, at most 20,000 characters)");
        }
        return token;
    }

    /** @param webIdentityToken AssumeRoleWithWebIdentity's token; null for the other actions */
    static int run(LoadTestOptions options, SigningKey key, String webIdentityToken, PrintStream out) {
        out.println("sts-loadtest: " + options.describe());
        InetSocketAddress address = new InetSocketAddress(options.endpoint().getHost(), options.endpoint().getPort());
        RequestSigner signer = new RequestSigner(options, key, webIdentityToken);
        SignedRequests requests = options.signing() == LoadTestOptions.Signing.POOL
                ? SignedRequests.pool(signer, options.poolSize()) : SignedRequests.signEach(signer);
        try {
            if (!firstRequestSucceeds(address, requests, options.action().unsigned() ? "no key (unsigned)"
                    : key.toString(), out)) {
                return 1;
            }
            return measure(options, address, requests, out);
        } finally {
            requests.close();
        }
    }

    private static boolean firstRequestSucceeds(InetSocketAddress address, SignedRequests requests, String signedWith,
                                                PrintStream out) {
        try (HttpConnection connection = new HttpConnection(address)) {
            HttpConnection.Response response = connection.exchange(requests.next(0));
            if (!response.ok()) {
                out.println("the first request, signed with " + signedWith + ", was refused: HTTP " + response.status()
                        + " " + response.errorCode() + "; not starting");
                return false;
            }
            return true;
        } catch (IOException e) {
            out.println("cannot reach " + address + ": " + e + "; not starting");
            return false;
        }
    }

    private static int measure(LoadTestOptions options, InetSocketAddress address, SignedRequests requests,
                               PrintStream out) {
        Schedule schedule = new Schedule(System.nanoTime() + START_DELAY_NANOS, options.warmup().toNanos(),
                options.duration().toNanos(), GRACE_NANOS, options.rate());
        LongAdder progressOk = new LongAdder();
        LongAdder progressErrors = new LongAdder();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            Worker worker = new Worker(i, options.concurrency(), schedule, requests, new HttpConnection(address),
                    progressOk, progressErrors);
            Thread thread = new Thread(worker, "worker-" + i);
            thread.setDaemon(true);
            workers.add(worker);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        CpuSnapshot atStart = null;
        CpuSnapshot atEnd = null;
        long nextProgress = schedule.start + PROGRESS_EVERY_NANOS;
        long lastOk = 0;
        long lastErrors = 0;
        while (true) {
            long now = System.nanoTime();
            if (atStart == null && now >= schedule.measureFrom) {
                atStart = CpuSnapshot.take(options.watched());
            }
            if (atEnd == null && now >= schedule.end) {
                atEnd = CpuSnapshot.take(options.watched());
            }
            if (now >= nextProgress && now < schedule.end) {
                long okNow = progressOk.sum();
                long errorsNow = progressErrors.sum();
                out.printf(Locale.ROOT, "  %4d s  %-9s  ok %,9.0f/s  errors %,7.0f/s%n",
                        TimeUnit.NANOSECONDS.toSeconds(now - schedule.start),
                        now < schedule.measureFrom ? "warm-up" : "measuring",
                        (okNow - lastOk) * 1e9 / PROGRESS_EVERY_NANOS,
                        (errorsNow - lastErrors) * 1e9 / PROGRESS_EVERY_NANOS);
                lastOk = okNow;
                lastErrors = errorsNow;
                nextProgress += PROGRESS_EVERY_NANOS;
            }
            if (atEnd != null && (allEnded(threads) || now >= schedule.hardStop)) {
                break;
            }
            long wakeAt = Math.min(nextProgress, atStart == null ? schedule.measureFrom
                    : atEnd == null ? schedule.end : schedule.hardStop);
            sleepUntil(Math.max(wakeAt, now + 1_000_000L), threads);
        }
        // Past the hard stop: unblock any worker still waiting for a response, then wait for them (bounded).
        workers.forEach(Worker::abort);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        report(options, schedule, workers, requests, atStart, atEnd, out);
        return 0;
    }

    private static boolean allEnded(List<Thread> threads) {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Sleeps until {@code deadline}, waking early (every 100 ms) to notice that every worker has ended. */
    private static void sleepUntil(long deadline, List<Thread> threads) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0 && !allEnded(threads)) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void report(LoadTestOptions options, Schedule schedule, List<Worker> workers,
                               SignedRequests requests, CpuSnapshot atStart, CpuSnapshot atEnd, PrintStream out) {
        LatencyHistogram latency = new LatencyHistogram();
        Map<String, Long> errors = new TreeMap<>();
        long ok = 0;
        long completed = 0;
        long sent = 0;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            worker.errors.forEach((code, count) -> errors.merge(code, count, Long::sum));
            ok += worker.ok;
            completed += worker.completedInWindow;
            sent += worker.sentInWindow;
        }
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        double seconds = (schedule.end - schedule.measureFrom) / 1e9;
        double throughput = completed / seconds;

        out.printf(Locale.ROOT, "results over the %.1f s measured window:%n", seconds);
        out.printf(Locale.ROOT, "  throughput   %,.0f responses/s (%,d ok, %,d errors, of requests sent in the window)%n",
                throughput, ok, errorCount);
        if (schedule.openLoop()) {
            long notSent = Math.max(0, schedule.slotsInWindow() - sent);
            out.printf(Locale.ROOT, "  schedule     %,d requests due at %,d/s; %,d of them never sent (server too slow)%n",
                    schedule.slotsInWindow(), options.rate(), notSent);
        }
        out.printf(Locale.ROOT, "  latency ok   p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (mean %s ms)%n",
                millis(latency.valueAtPercentile(50)), millis(latency.valueAtPercentile(90)),
                millis(latency.valueAtPercentile(99)), millis(latency.valueAtPercentile(99.9)),
                millis(latency.max()), millis((long) latency.mean()));
        out.println("  errors       " + (errors.isEmpty() ? "none" : errors.toString()));

        int cores = Runtime.getRuntime().availableProcessors();
        double self = atEnd.selfCoresSince(atStart);
        double machine = atEnd.machineCoresSince(atStart, cores);
        StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, "  CPU (cores) machine %s of %d | sts-loadtest %.2f (%.1f µs per response)",
                machine < 0 ? "?" : String.format(Locale.ROOT, "%.2f", machine), cores, self,
                completed == 0 ? 0 : self * seconds * 1e6 / completed));
        double others = machine;
        for (String label : options.watched().keySet()) {
            double used = atEnd.watchedCoresSince(atStart, label);
            cpu.append(String.format(Locale.ROOT, " | %s %s", label, used < 0 ? "?" : String.format(Locale.ROOT, "%.2f", used)));
            others -= Math.max(0, used);
        }
        if (machine >= 0) {
            cpu.append(String.format(Locale.ROOT, " | everything else %.2f", Math.max(0, others - self)));
        }
        out.println(cpu);
        out.printf(Locale.ROOT, "  signing      %,d signatures by AwsV4HttpSigner, %.1f µs each on average%n",
                requests.signatures(), requests.meanSigningMicros());

        StringBuilder line = new StringBuilder("RESULT");
        line.append(" action=").append(options.action().actionName())
                .append(" concurrency=").append(options.concurrency())
                .append(" rate=").append(options.openLoop() ? Integer.toString(options.rate()) : "closed")
                .append(" signing=").append(options.signing().name().toLowerCase(Locale.ROOT))
                .append(String.format(Locale.ROOT, " rps=%.0f ok=%d errors=%d", throughput, ok, errorCount))
                .append(" p50_ms=").append(millis(latency.valueAtPercentile(50)))
                .append(" p90_ms=").append(millis(latency.valueAtPercentile(90)))
                .append(" p99_ms=").append(millis(latency.valueAtPercentile(99)))
                .append(" p999_ms=").append(millis(latency.valueAtPercentile(99.9)))
                .append(" max_ms=").append(millis(latency.max()))
                .append(String.format(Locale.ROOT, " cpu_loadtest=%.2f cpu_machine=%.2f", self, machine));
        for (String label : options.watched().keySet()) {
            line.append(String.format(Locale.ROOT, " cpu_%s=%.2f", label, atEnd.watchedCoresSince(atStart, label)));
        }
        out.println(line);
    }

    /** Nanoseconds as milliseconds with three significant digits or more. */
    static String millis(long nanos) {
        double ms = nanos / 1e6;
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.2f", ms);
    }
}
