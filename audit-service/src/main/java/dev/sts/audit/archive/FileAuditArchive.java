package dev.sts.audit.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The durable archive: events appended as JSON lines to {@code events-YYYY-MM-DD.jsonl}, one file per
 * UTC day of event time, and indexed per day and account ({@link ArchiveIndex}). A batch of events is written and
 * forced to disk, then indexed, before {@link #append(List)} returns, so the consumer acknowledges nothing that is
 * not on disk, at one fsync per file per batch rather than per event. Kafka delivers at least once, so events
 * already archived (by event id, within a bounded window) are skipped. Appends are serialised; {@link #find} reads
 * the index and the events it points at, never a whole day file, without waiting for appends.
 */
public final class FileAuditArchive implements AutoCloseable {
    private final Path directory;
    private final DayFileAppender files;
    private final ArchiveIndex index;
    private final RecentIds recentIds;
    private boolean closed;

    public FileAuditArchive(Path directory, int dedupWindow) {
        this.directory = directory;
        this.files = new DayFileAppender(directory);
        this.index = new ArchiveIndex(directory);
        this.recentIds = new RecentIds(dedupWindow);
        try {
            Files.createDirectories(directory);
            catchUpIndex();
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
     * Appends, in order, the events not archived yet, forces them to disk, and indexes them before returning.
     *
     * @return how many were appended; the others repeat an archived event or one earlier in the list
     * @throws UncheckedIOException if a write or a force failed: when the day files failed, none of the events is
     *                              remembered as archived, so their redelivery is written again; when only the
     *                              index failed, the events are archived and the next append re-indexes them
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized int append(List<ArchivedEvent> events) {
        if (closed) {
            throw new IllegalStateException("the audit archive at " + directory + " is closed");
        }
        Set<String> newIds = new LinkedHashSet<>();
        Map<LocalDate, List<ArchivedEvent>> byDay = new LinkedHashMap<>();
        for (ArchivedEvent event : events) {
            if (!recentIds.contains(event.eventId()) && newIds.add(event.eventId())) {
                byDay.computeIfAbsent(event.day(), day -> new ArrayList<>()).add(event);
            }
        }
        if (newIds.isEmpty()) {
            return 0;
        }
        Map<LocalDate, byte[]> linesByDay = new LinkedHashMap<>();
        Map<LocalDate, List<byte[]>> lineBytes = new LinkedHashMap<>();
        for (Map.Entry<LocalDate, List<ArchivedEvent>> day : byDay.entrySet()) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            List<byte[]> lines = new ArrayList<>(day.getValue().size());
            for (ArchivedEvent event : day.getValue()) {
                byte[] line = event.json().getBytes(StandardCharsets.UTF_8);
                lines.add(line);
                block.writeBytes(line);
                block.write('\n');
            }
            linesByDay.put(day.getKey(), block.toByteArray());
            lineBytes.put(day.getKey(), lines);
        }
        Map<LocalDate, Long> starts;
        try {
            for (LocalDate day : linesByDay.keySet()) {
                index.catchUp(day, files.fileFor(day));
            }
            starts = files.appendAndForce(linesByDay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit archive at " + directory, e);
        }
        // Only now: an id remembered before its event is on disk would drop the redelivery that saves it.
        newIds.forEach(recentIds::add);
        try {
            for (Map.Entry<LocalDate, List<ArchivedEvent>> day : byDay.entrySet()) {
                long offset = starts.get(day.getKey());
                List<byte[]> lines = lineBytes.get(day.getKey());
                List<ArchiveIndex.Entry> entries = new ArrayList<>(lines.size());
                for (int i = 0; i < lines.size(); i++) {
                    entries.add(ArchiveIndex.Entry.of(day.getValue().get(i), offset, lines.get(i).length));
                    offset += lines.get(i).length + 1;
                }
                index.append(day.getKey(), entries, offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index the audit archive at " + directory, e);
        }
        return newIds.size();
    }

    /**
     * The newest events the query matches first, at most {@code limit}, from the index: only the account's entries
     * are read, entries whose hashes differ from the query's are skipped unread, and each candidate event is read at
     * its offset and compared exactly.
     */
    public List<String> find(EventQuery query, int limit) {
        List<String> found = new ArrayList<>();
        if (limit < 1) {
            return found;
        }
        long requestHash = query.requestId().map(ArchiveIndex::hash64).orElse(0L);
        int nameHash = query.eventName().map(ArchiveIndex::hash32).orElse(0);
        Map<LocalDate, FileChannel> dayFiles = new HashMap<>();
        try {
            index.newestFirst(query.accountId(), (day, offset, length, requestIdHash, eventNameHash) -> {
                if (query.requestId().isPresent() && requestIdHash != requestHash
                        || query.eventName().isPresent() && eventNameHash != nameHash) {
                    return true;
                }
                FileChannel channel = dayFiles.get(day);
                if (channel == null) {
                    if (!Files.exists(files.fileFor(day))) {
                        return true; // An index without its day file (removed by an operator): nothing to read.
                    }
                    channel = FileChannel.open(files.fileFor(day), StandardOpenOption.READ);
                    dayFiles.put(day, channel);
                }
                ByteBuffer line = ByteBuffer.allocate(length);
                while (line.hasRemaining()) {
                    if (channel.read(line, offset + line.position()) < 0) {
                        return true; // An entry past the file's end is not an event.
                    }
                }
                ArchivedEvent.parse(new String(line.array(), StandardCharsets.UTF_8)).filter(query::matches)
                        .ifPresent(event -> found.add(event.json()));
                return found.size() < limit;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit archive", e);
        } finally {
            for (FileChannel channel : dayFiles.values()) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Read-only: nothing to lose.
                }
            }
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

    /** Indexes whatever of each day file the index does not cover yet: after a crash, or an archive older than it. */
    private void catchUpIndex() throws IOException {
        List<Path> days;
        try (Stream<Path> list = Files.list(directory)) {
            days = list.filter(DayFileAppender::isDayFile).sorted().toList();
        }
        for (Path day : days) {
            String name = day.getFileName().toString();
            index.catchUp(LocalDate.parse(name.substring("events-".length(), name.length() - ".jsonl".length())), day);
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
