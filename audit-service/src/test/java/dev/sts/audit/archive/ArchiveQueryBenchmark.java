package dev.sts.audit.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Not a test: generates a large day of audit events through the archive (so the index is built as in production)
 * and times queries against it, through the index and, for comparison, by the whole-file scan the archive did
 * before the index. {@code java -cp … dev.sts.audit.archive.ArchiveQueryBenchmark <dir> <megabytes>}; the figures
 * are in docs/performance.md. Nothing it writes is committed.
 */
public final class ArchiveQueryBenchmark {
    private static final int ACCOUNTS = 20;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long megabytes = Long.parseLong(args[1]);
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
        String padding = "x".repeat(700);
        List<String> sampleRequestIds = new ArrayList<>();
        long written = 0;
        long started = System.nanoTime();
        try (FileAuditArchive archive = new FileAuditArchive(dir, 10_000)) {
            int n = 0;
            while (written < megabytes << 20) {
                List<ArchivedEvent> batch = new ArrayList<>(2000);
                for (int i = 0; i < 2000; i++, n++) {
                    String id = UUID.randomUUID().toString();
                    String account = String.format("%012d", 100_000_000_000L + n % ACCOUNTS);
                    String name = n % 7 == 0 ? "AssumeRole" : "GetCallerIdentity";
                    Instant time = day.plusMillis(n);
                    String json = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"" + account
                            + "\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"" + name
                            + "\",\"requestParameters\":{\"pad\":\"" + padding + "\"},\"requestID\":\"" + id + "\",\"eventID\":\""
                            + id + "\",\"recipientAccountId\":\"" + account + "\"}";
                    batch.add(new ArchivedEvent(json, id, id, name, time, account));
                    written += json.length() + 1;
                    if (n % 50_000 == 7) {
                        sampleRequestIds.add(id);
                    }
                }
                archive.append(batch);
            }
            System.out.printf("generated %d MB, %d events in %d s%n", written >> 20, n,
                    (System.nanoTime() - started) / 1_000_000_000);
        }
        // A restart, so that nothing of the writer is warm but the page cache, as for a query after a deploy.
        try (FileAuditArchive archive = new FileAuditArchive(dir, 10_000)) {
            String account = "100000000007";
            String oldest = sampleRequestIds.get(0);
            String sampleAccount = String.format("%012d", 100_000_000_000L + 7 % ACCOUNTS);
            for (int round = 0; round < 3; round++) {
                time("index: requestId of the day's oldest event", () -> archive.find(
                        new EventQuery(sampleAccount, Optional.of(oldest), Optional.empty()), 50));
                time("index: newest 50 of one account", () -> archive.find(EventQuery.account(account), 50));
                time("index: newest 50 AssumeRole of one account", () -> archive.find(
                        new EventQuery(account, Optional.empty(), Optional.of("AssumeRole")), 50));
                time("index: requestId that is not there", () -> archive.find(
                        new EventQuery(account, Optional.of(UUID.randomUUID().toString()), Optional.empty()), 50));
            }
            Path dayFile = dir.resolve("events-" + day.toString().substring(0, 10) + ".jsonl");
            time("scan (before): requestId of the day's oldest event", () -> scan(dayFile,
                    e -> oldest.equals(e.requestId()), 50));
            time("scan (before): newest 50 of one account", () -> scan(dayFile, e -> account.equals(e.accountId()), 50));
        }
        long indexBytes;
        try (var files = Files.walk(dir.resolve("index"))) {
            indexBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("index size %d MB%n", indexBytes >> 20);
        // The worst case after a crash: no index at all, rebuilt from the day file when the archive opens.
        try (var files = Files.walk(dir.resolve("index"))) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        long rebuild = System.nanoTime();
        try (FileAuditArchive archive = new FileAuditArchive(dir, 10_000)) {
            System.out.printf("index rebuilt from the whole day file in %d ms%n", (System.nanoTime() - rebuild) / 1_000_000);
        }
    }

    private interface Query {
        List<String> run() throws Exception;
    }

    private static void time(String what, Query query) throws Exception {
        long start = System.nanoTime();
        int found = query.run().size();
        System.out.printf("%-55s %9.1f ms (%d found)%n", what, (System.nanoTime() - start) / 1e6, found);
    }

    /** What FileAuditArchive#find did before the index: stream the whole day, parse every line, keep the newest. */
    private static List<String> scan(Path file, Predicate<ArchivedEvent> filter, int limit) throws IOException {
        ArrayDeque<String> newest = new ArrayDeque<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    ArchivedEvent.parse(line.toString(StandardCharsets.UTF_8)).filter(filter).ifPresent(event -> {
                        newest.addFirst(event.json());
                        if (newest.size() > limit) {
                            newest.removeLast();
                        }
                    });
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
        return new ArrayList<>(newest);
    }
}
