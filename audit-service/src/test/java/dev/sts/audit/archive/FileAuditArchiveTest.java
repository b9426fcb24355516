package dev.sts.audit.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive on a real directory: batches, dedup, restarts, torn lines, and readers beside writers. */
class FileAuditArchiveTest {
    private static final EventQuery ALL = EventQuery.account("111111111111");

    @TempDir
    Path dir;

    @Test
    void eventsSurviveARestartOfTheArchiveAndAreNotArchivedAgainAfterIt() {
        List<ArchivedEvent> batch = List.of(event(Instant.now()), event(Instant.now()), event(Instant.now()));
        FileAuditArchive archive = new FileAuditArchive(dir, 1000);
        assertThat(archive.append(batch)).isEqualTo(3);
        archive.close();

        FileAuditArchive restarted = new FileAuditArchive(dir, 1000);

        assertThat(restarted.find(ALL, 10)).containsExactlyInAnyOrderElementsOf(jsonOf(batch));
        assertThat(restarted.append(batch)).isZero();
        assertThat(linesOf(today())).hasSize(3);
        restarted.close();
    }

    @Test
    void aRestartRemembersOnlyTheNewestWindowOfTodaysIdsAndFindKeepsTheNewestMatches() {
        List<ArchivedEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(event(Instant.now()));
        }
        try (FileAuditArchive archive = new FileAuditArchive(dir, 10)) {
            assertThat(archive.append(events)).isEqualTo(50);
        }
        try (FileAuditArchive restarted = new FileAuditArchive(dir, 10)) {
            assertThat(restarted.find(ALL, 3)).containsExactly(events.get(49).json(), events.get(48).json(),
                    events.get(47).json());
            assertThat(restarted.append(events.get(49))).as("within the window: a redelivery").isFalse();
            assertThat(restarted.append(events.get(0))).as("beyond the window: forgotten, as bounded").isTrue();
        }
    }

    @Test
    void skipsEventsRepeatedWithinABatchAndAcrossBatches() {
        ArchivedEvent a = event(Instant.now());
        ArchivedEvent b = event(Instant.now());
        ArchivedEvent c = event(Instant.now());
        try (FileAuditArchive archive = new FileAuditArchive(dir, 1000)) {
            assertThat(archive.append(List.of(a, b, a))).isEqualTo(2);
            assertThat(archive.append(List.of(b, c))).isEqualTo(1);
            assertThat(archive.append(c)).isFalse();
        }
        assertThat(linesOf(today())).containsExactly(a.json(), b.json(), c.json());
    }

    @Test
    void filesEachEventOfABatchUnderTheDayOfItsEventTime() {
        Instant now = Instant.now();
        ArchivedEvent yesterday = event(now.minus(1, ChronoUnit.DAYS));
        ArchivedEvent today = event(now);
        try (FileAuditArchive archive = new FileAuditArchive(dir, 1000)) {
            assertThat(archive.append(List.of(yesterday, today))).isEqualTo(2);
            // The next batch holds only today's events: yesterday's file is closed, and still readable.
            ArchivedEvent later = event(now);
            assertThat(archive.append(List.of(later))).isEqualTo(1);
            assertThat(archive.find(ALL, 10)).containsExactly(later.json(), today.json(), yesterday.json());
        }
        assertThat(linesOf(dayFile(yesterday.day()))).containsExactly(yesterday.json());
    }

    @Test
    void aTornLastLineIsNeitherReadNorJoinedToTheNextEvent() throws IOException {
        ArchivedEvent whole = event(Instant.now());
        // Cut inside the two bytes of "ë", as a crash or a full disk can leave it.
        byte[] line = "{\"eventID\":\"torn\",\"userName\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
        byte[] torn = Arrays.copyOf(line, line.length - 3);
        Files.writeString(today(), whole.json() + "\n");
        Files.write(today(), torn, StandardOpenOption.APPEND);

        ArchivedEvent next = event(Instant.now());
        try (FileAuditArchive archive = new FileAuditArchive(dir, 1000)) {
            assertThat(archive.find(ALL, 10)).containsExactly(whole.json());
            assertThat(archive.append(whole)).as("remembered across the restart").isFalse();
            assertThat(archive.append(next)).isTrue();
            assertThat(archive.find(ALL, 10)).containsExactly(next.json(), whole.json());
        }
        List<String> lines = linesOf(today());
        assertThat(lines).hasSize(3).startsWith(whole.json()).endsWith(next.json());
    }

    @Test
    void appendsFromManyThreadsEachOnceWhileFindKeepsAnswering() throws Exception {
        int writers = 4;
        int batchesEach = 50;
        int batchSize = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try (FileAuditArchive archive = new FileAuditArchive(dir, 100_000)) {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<Integer> reads = pool.submit(() -> {
                int answers = 0;
                start.await();
                do {
                    // Sees batches half written; must neither fail nor return a torn event.
                    assertThat(archive.find(ALL, 50)).allSatisfy(json -> assertThat(ArchivedEvent.parse(json)).isPresent());
                    answers++;
                } while (writing.get());
                return answers;
            });
            List<Future<Integer>> appends = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                appends.add(pool.submit(() -> {
                    start.await();
                    int appended = 0;
                    for (int i = 0; i < batchesEach; i++) {
                        List<ArchivedEvent> batch = new ArrayList<>();
                        for (int j = 0; j < batchSize; j++) {
                            batch.add(event(Instant.now()));
                        }
                        appended += archive.append(batch);
                    }
                    return appended;
                }));
            }
            start.countDown();
            int appended = 0;
            for (Future<Integer> append : appends) {
                appended += append.get();
            }
            writing.set(false);
            assertThat(reads.get()).isPositive(); // and none of them failed
            assertThat(appended).isEqualTo(writers * batchesEach * batchSize);
            assertThat(archive.find(ALL, 10_000)).hasSize(appended).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(linesOf(today())).hasSize(writers * batchesEach * batchSize);
    }

    @Test
    void aQueryReadsOnlyItsAccountsEventsAndFindsThemByRequestIdAndEventName() {
        ArchivedEvent mine = event(Instant.now());
        ArchivedEvent theirs = eventOf(Instant.now(), "222222222222", "AssumeRole");
        ArchivedEvent mineAssume = eventOf(Instant.now(), "111111111111", "AssumeRole");
        try (FileAuditArchive archive = new FileAuditArchive(dir, 100)) {
            archive.append(List.of(mine, theirs, mineAssume));
            assertThat(archive.find(ALL, 10)).containsExactly(mineAssume.json(), mine.json());
            assertThat(archive.find(EventQuery.account("222222222222"), 10)).containsExactly(theirs.json());
            assertThat(archive.find(new EventQuery("111111111111", Optional.of(mine.requestId()), Optional.empty()), 10))
                    .containsExactly(mine.json());
            assertThat(archive.find(new EventQuery("111111111111", Optional.of(theirs.requestId()), Optional.empty()), 10))
                    .as("another account's request id").isEmpty();
            assertThat(archive.find(new EventQuery("111111111111", Optional.empty(), Optional.of("AssumeRole")), 10))
                    .containsExactly(mineAssume.json());
            assertThat(archive.find(ALL, 1)).containsExactly(mineAssume.json());
        }
    }

    @Test
    void anIndexBehindTheDayFileAfterACrashIsCaughtUpAtRestartAndReadWithoutRepeats() throws IOException {
        List<ArchivedEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(Instant.now()));
        }
        try (FileAuditArchive archive = new FileAuditArchive(dir, 100)) {
            archive.append(events.subList(0, 3));
            archive.append(events.subList(3, 5));
        }
        Path dayIndex = dir.resolve("index").resolve(LocalDate.now(ZoneOffset.UTC).toString());
        List<String> newestFirst = new ArrayList<>(jsonOf(events));
        java.util.Collections.reverse(newestFirst);
        // The checkpoint went back (entries written after it survived): they are appended again, read once.
        Files.writeString(dayIndex.resolve("indexed-upto"), "0");
        // And a torn entry at the end of the account's file.
        Files.write(dayIndex.resolve("111111111111.idx"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (FileAuditArchive restarted = new FileAuditArchive(dir, 100)) {
            assertThat(restarted.find(ALL, 10)).containsExactlyElementsOf(newestFirst);
            ArchivedEvent next = event(Instant.now());
            restarted.append(next);
            assertThat(restarted.find(ALL, 2)).containsExactly(next.json(), events.get(4).json());
        }
        // No index at all (an archive older than the index): rebuilt from the day file.
        deleteTree(dir.resolve("index"));
        try (FileAuditArchive rebuilt = new FileAuditArchive(dir, 100)) {
            assertThat(rebuilt.find(ALL, 10)).hasSize(6).endsWith(newestFirst.toArray(String[]::new));
        }
    }

    @Test
    void refusesAppendsOnceClosed() {
        FileAuditArchive archive = new FileAuditArchive(dir, 1000);
        archive.close();

        assertThatThrownBy(() -> archive.append(event(Instant.now()))).isInstanceOf(IllegalStateException.class);
    }

    private Path today() {
        return dayFile(LocalDate.now(ZoneOffset.UTC));
    }

    private Path dayFile(LocalDate day) {
        return dir.resolve("events-" + day + ".jsonl");
    }

    /** Leniently decoded, so a torn multi-byte character does not fail the reading. */
    private static List<String> linesOf(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static List<String> jsonOf(List<ArchivedEvent> events) {
        return events.stream().map(ArchivedEvent::json).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static ArchivedEvent eventOf(Instant eventTime, String account, String name) {
        String id = UUID.randomUUID().toString();
        return ArchivedEvent.parse("{\"eventVersion\":\"1.08\",\"eventTime\":\"" + eventTime
                + "\",\"eventName\":\"" + name + "\",\"requestID\":\"" + id + "\",\"eventID\":\"" + id
                + "\",\"recipientAccountId\":\"" + account + "\"}").orElseThrow();
    }

    private static ArchivedEvent event(Instant eventTime) {
        String id = UUID.randomUUID().toString();
        return ArchivedEvent.parse("{\"eventVersion\":\"1.08\",\"eventTime\":\"" + eventTime
                + "\",\"eventName\":\"GetCallerIdentity\",\"requestID\":\"" + id + "\",\"eventID\":\"" + id
                + "\",\"recipientAccountId\":\"111111111111\",\"userName\":\"Zoë\"}").orElseThrow();
    }
}
