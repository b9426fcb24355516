package dev.sts.audit.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archive's index, kept beside the day files so that a query reads the events it answers and nothing else:
 * for each day and account, {@code index/YYYY-MM-DD/<account>.idx}, an append-only file of fixed-size entries,
 * one per archived event of that account in archive order: the event's byte offset and length in the day file and
 * hashes of its requestID and eventName (so lookups by either skip non-matching events without reading them).
 * Newest first is the file read backwards. Events without a {@code recipientAccountId} are in no account's index:
 * no caller can ask for them.
 *
 * <p>Consistency: entries are appended only after the day file's lines are forced, then the touched index files are
 * forced, then {@code index/YYYY-MM-DD/indexed-upto} (the day-file length the index covers) is replaced
 * atomically. After a crash the index is therefore at most behind the day file, never ahead; {@link #catchUp}
 * re-indexes the day file from the checkpoint. Entries written after the checkpoint and before the crash are then
 * appended again: readers skip an entry whose offset is not below every newer entry's, so a repeated entry is read
 * once. A torn entry at the end of a file is cut off before the next append and ignored by readers.
 *
 * <p>Appends are made under {@link FileAuditArchive}'s lock; readers need none.
 */
final class ArchiveIndex {
    static final int ENTRY_BYTES = 24;
    private static final String CHECKPOINT = "indexed-upto";
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final int READ_ENTRIES = 4096;

    private final Path root;
    /** Per day, the day-file length the index covers; only days this process has caught up. */
    private final Map<LocalDate, Long> covered = new HashMap<>();

    ArchiveIndex(Path archiveDirectory) {
        this.root = archiveDirectory.resolve("index");
    }

    /** One event's place in a day file. */
    record Entry(String accountId, long offset, int length, long requestIdHash, int eventNameHash) {
        static Entry of(ArchivedEvent event, long offset, int length) {
            return new Entry(event.accountId(), offset, length, hash64(event.requestId()), hash32(event.eventName()));
        }
    }

    /**
     * Makes the day's index cover every complete line of {@code dayFile}, reading only what the checkpoint does not
     * cover yet (all of it for a day indexed by nothing).
     */
    void catchUp(LocalDate day, Path dayFile) throws IOException {
        long from = coveredLength(day);
        long size = Files.exists(dayFile) ? Files.size(dayFile) : 0;
        if (from >= size) {
            return;
        }
        List<Entry> entries = new ArrayList<>();
        long end = from;
        try (FileChannel channel = FileChannel.open(dayFile, StandardOpenOption.READ)) {
            channel.position(from);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            long position = from;
            for (int b = in.read(); b != -1; b = in.read()) {
                position++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                long start = end;
                int length = line.size();
                ArchivedEvent.parse(line.toString(StandardCharsets.UTF_8))
                        .filter(event -> event.accountId() != null && ACCOUNT.matcher(event.accountId()).matches())
                        .ifPresent(event -> entries.add(Entry.of(event, start, length)));
                line.reset();
                end = position;
            }
        }
        append(day, entries, end);
    }

    /**
     * Appends the entries of lines the day file now holds, forced, then moves the checkpoint to {@code coveredUpTo}.
     * On failure the day's state is forgotten, so the next {@link #catchUp} starts again from the checkpoint on disk.
     */
    void append(LocalDate day, List<Entry> entries, long coveredUpTo) throws IOException {
        try {
            Path dir = root.resolve(day.toString());
            Files.createDirectories(dir);
            Map<String, ByteBuffer> byAccount = new LinkedHashMap<>();
            for (Entry entry : entries) {
                if (entry.accountId() == null) {
                    continue;
                }
                ByteBuffer buffer = byAccount.get(entry.accountId());
                if (buffer == null || !buffer.hasRemaining()) {
                    buffer = grow(buffer, entries.size());
                    byAccount.put(entry.accountId(), buffer);
                }
                buffer.putLong(entry.offset()).putInt(entry.length()).putLong(entry.requestIdHash())
                        .putInt(entry.eventNameHash());
            }
            for (Map.Entry<String, ByteBuffer> account : byAccount.entrySet()) {
                appendForced(dir.resolve(account.getKey() + ".idx"), account.getValue().flip());
            }
            writeCheckpoint(dir, coveredUpTo);
            covered.put(day, coveredUpTo);
        } catch (IOException | RuntimeException e) {
            covered.remove(day);
            throw e;
        }
    }

    /**
     * The account's entries of every indexed day, newest day first and newest entry first within a day, each
     * offered to {@code visitor} until it answers false.
     */
    void newestFirst(String accountId, EntryVisitor visitor) throws IOException {
        if (!ACCOUNT.matcher(accountId).matches() || !Files.isDirectory(root)) {
            return;
        }
        List<String> days;
        try (Stream<Path> list = Files.list(root)) {
            days = list.map(p -> p.getFileName().toString()).filter(name -> DAY.matcher(name).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (String day : days) {
            Path file = root.resolve(day).resolve(accountId + ".idx");
            if (Files.exists(file) && !visitDay(LocalDate.parse(day), file, visitor)) {
                return;
            }
        }
    }

    @FunctionalInterface
    interface EntryVisitor {
        /** @return false to stop */
        boolean visit(LocalDate day, long offset, int length, long requestIdHash, int eventNameHash) throws IOException;
    }

    private static boolean visitDay(LocalDate day, Path file, EntryVisitor visitor) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long entries = channel.size() / ENTRY_BYTES;
            long below = Long.MAX_VALUE;
            ByteBuffer buffer = ByteBuffer.allocate(READ_ENTRIES * ENTRY_BYTES);
            while (entries > 0) {
                int count = (int) Math.min(READ_ENTRIES, entries);
                entries -= count;
                buffer.clear().limit(count * ENTRY_BYTES);
                long position = entries * ENTRY_BYTES;
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("index file " + file + " shrank while read");
                    }
                }
                for (int i = count - 1; i >= 0; i--) {
                    int at = i * ENTRY_BYTES;
                    long offset = buffer.getLong(at);
                    int length = buffer.getInt(at + 8);
                    // A repeat from a catch-up after a crash, or a hole the crash left: not below the newer ones.
                    if (offset >= below || length <= 0) {
                        continue;
                    }
                    below = offset;
                    if (!visitor.visit(day, offset, length, buffer.getLong(at + 12), buffer.getInt(at + 20))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private long coveredLength(LocalDate day) throws IOException {
        Long known = covered.get(day);
        if (known != null) {
            return known;
        }
        Path checkpoint = root.resolve(day.toString()).resolve(CHECKPOINT);
        long length = 0;
        if (Files.exists(checkpoint)) {
            String text = Files.readString(checkpoint, StandardCharsets.US_ASCII).trim();
            try {
                length = Long.parseLong(text);
            } catch (NumberFormatException e) {
                length = 0; // Rebuilt from the start: entries already there are skipped as repeats by readers.
            }
        }
        covered.put(day, length);
        return length;
    }

    private static void writeCheckpoint(Path dir, long length) throws IOException {
        Path temp = dir.resolve(CHECKPOINT + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(Long.toString(length).getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        Files.move(temp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Appends after cutting off a torn entry a crash left at the end, and forces the file. */
    private static void appendForced(Path file, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long whole = size - size % ENTRY_BYTES;
            if (whole != size) {
                channel.truncate(whole);
            }
            long position = whole;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
        }
    }

    private static ByteBuffer grow(ByteBuffer old, int hint) {
        int capacity = old == null ? Math.min(Math.max(hint, 16), 4096) * ENTRY_BYTES : old.capacity() * 2;
        ByteBuffer buffer = ByteBuffer.allocate(capacity);
        if (old != null) {
            buffer.put(old.flip());
        }
        return buffer;
    }

    /** FNV-1a over the UTF-16 units: only narrows the candidates, each is compared exactly after it is read. */
    static long hash64(String value) {
        long hash = 0xcbf29ce484222325L;
        String text = value == null ? "" : value;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    static int hash32(String value) {
        return value == null ? 0 : value.hashCode();
    }
}
