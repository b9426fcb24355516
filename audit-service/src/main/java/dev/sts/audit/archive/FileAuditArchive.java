package dev.sts.audit.archive;

import java.io.IOException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The durable archive: events appended as JSON lines to {@code events-YYYY-MM-DD.jsonl}, one file per
 * UTC day, each append forced to disk before the consumer acknowledges the record. Kafka delivers at
 * least once, so events already archived (by event id, within a bounded window) are skipped.
 */
public final class FileAuditArchive {
    private final Path directory;
    private final Map<String, Boolean> recentIds;

    public FileAuditArchive(Path directory, int dedupWindow) {
        this.directory = directory;
        this.recentIds = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedupWindow;
            }
        };
        try {
            Files.createDirectories(directory);
            rememberToday();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit archive at " + directory, e);
        }
    }

    /** Appends one event unless it is already archived. @return false for a duplicate */
    public synchronized boolean append(ArchivedEvent event) {
        if (recentIds.containsKey(event.eventId())) {
            return false;
        }
        Path file = fileFor(event.day());
        byte[] line = (event.json() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        recentIds.put(event.eventId(), Boolean.TRUE);
        return true;
    }

    /** The newest matching events first, at most {@code limit}, scanning day files from newest to oldest. */
    public List<String> find(Predicate<ArchivedEvent> filter, int limit) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> days = files.filter(p -> p.getFileName().toString().matches("events-\\d{4}-\\d{2}-\\d{2}\\.jsonl"))
                    .sorted(Comparator.reverseOrder()).toList();
            for (Path day : days) {
                List<String> lines = Files.readAllLines(day, StandardCharsets.UTF_8);
                for (int i = lines.size() - 1; i >= 0 && found.size() < limit; i--) {
                    ArchivedEvent.parse(lines.get(i)).filter(filter).ifPresent(e -> found.add(e.json()));
                }
                if (found.size() >= limit) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit archive", e);
        }
        return found;
    }

    private Path fileFor(LocalDate day) {
        return directory.resolve("events-" + day + ".jsonl");
    }

    /** After a restart, today's ids are known again, so a redelivery right after it is still caught. */
    private void rememberToday() throws IOException {
        Path today = fileFor(LocalDate.now(ZoneOffset.UTC));
        if (Files.exists(today)) {
            for (String line : Files.readAllLines(today, StandardCharsets.UTF_8)) {
                ArchivedEvent.parse(line).ifPresent(e -> recentIds.put(e.eventId(), Boolean.TRUE));
            }
        }
    }
}
