package dev.sts.audit.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The durable archive: events appended as JSON lines to {@code events-YYYY-MM-DD.jsonl}, one file per
 * UTC day of event time. A batch of events is written and forced to disk before {@link #append(List)}
 * returns, so the consumer acknowledges nothing that is not on disk, at one fsync per batch rather than
 * per event. Kafka delivers at least once, so events already archived (by event id, within a bounded
 * window) are skipped. Appends are serialised; {@link #find} reads the files without waiting for them.
 */
public final class FileAuditArchive implements AutoCloseable {
    private final Path directory;
    private final DayFileAppender files;
    private final RecentIds recentIds;
    private boolean closed;

    public FileAuditArchive(Path directory, int dedupWindow) {
        this.directory = directory;
        this.files = new DayFileAppender(directory);
        this.recentIds = new RecentIds(dedupWindow);
        try {
            Files.createDirectories(directory);
            rememberToday();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit archive at " + directory, e);
        }
    }

    /** Appends one event unless it is already archived. @return false for a duplicate */
    public boolean append(ArchivedEvent event) {
        return append(List.of(event)) == 1;
    }

    /**
     * Appends, in order, the events not archived yet, and forces them to disk before returning.
     *
     * @return how many were appended; the others repeat an archived event or one earlier in the list
     * @throws UncheckedIOException if a write or the force failed: none of the events is then remembered as
     *                              archived, so their redelivery is written again
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized int append(List<ArchivedEvent> events) {
        if (closed) {
            throw new IllegalStateException("the audit archive at " + directory + " is closed");
        }
        Set<String> newIds = new LinkedHashSet<>();
        Map<LocalDate, StringBuilder> linesByDay = new LinkedHashMap<>();
        for (ArchivedEvent event : events) {
            if (!recentIds.contains(event.eventId()) && newIds.add(event.eventId())) {
                linesByDay.computeIfAbsent(event.day(), day -> new StringBuilder()).append(event.json()).append('\n');
            }
        }
        if (newIds.isEmpty()) {
            return 0;
        }
        try {
            files.appendAndForce(linesByDay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit archive at " + directory, e);
        }
        // Only now: an id remembered before its event is on disk would drop the redelivery that saves it.
        newIds.forEach(recentIds::add);
        return newIds.size();
    }

    /**
     * The newest matching events first, at most {@code limit}, scanning day files from newest to oldest. A day
     * file is streamed, keeping only the newest {@code limit} matches: a busy day is gigabytes.
     */
    public List<String> find(Predicate<ArchivedEvent> filter, int limit) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            List<Path> days = list.filter(DayFileAppender::isDayFile).sorted(Comparator.reverseOrder()).toList();
            for (Path day : days) {
                ArrayDeque<String> newest = new ArrayDeque<>();
                forEachCompleteLine(day, line -> ArchivedEvent.parse(line).filter(filter).ifPresent(event -> {
                    newest.addFirst(event.json());
                    if (newest.size() > limit - found.size()) {
                        newest.removeLast();
                    }
                }));
                found.addAll(newest);
                if (found.size() >= limit) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit archive", e);
        }
        return found;
    }

    /** Closes the open day files; later appends fail, so their batches are not acknowledged. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            files.close();
        } catch (IOException e) {
            // Every batch was forced when it was written, so nothing is lost; the failure is still reported.
            throw new UncheckedIOException("cannot close the audit archive at " + directory, e);
        }
    }

    /**
     * After a restart, today's ids are known again, so a redelivery right after it is still caught. Streamed:
     * only the newest ids of the window are kept, however large today's file is.
     */
    private void rememberToday() throws IOException {
        Path today = files.fileFor(LocalDate.now(ZoneOffset.UTC));
        if (Files.exists(today)) {
            forEachCompleteLine(today, line -> ArchivedEvent.parse(line).ifPresent(e -> recentIds.add(e.eventId())));
        }
    }

    /**
     * Each line of the file up to its last newline, streamed. A batch being appended can be seen half written,
     * so the torn tail is left out (and never decoded, since it may end inside a multi-byte character).
     */
    private static void forEachCompleteLine(Path file, Consumer<String> action) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    action.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }
}
