package dev.sts.audit.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Appends to the archive's day files through handles kept open between batches, and forces each file it
 * wrote once per batch. Not thread-safe: {@link FileAuditArchive} calls it under its lock.
 *
 * <p>A day's handle stays open while batches keep writing to it and is closed by the first batch that does
 * not: after midnight, yesterday's file closes as soon as a batch holds only today's events, and a replay
 * of older days keeps no more handles open than the days one batch spans.
 */
final class DayFileAppender implements AutoCloseable {
    private static final byte NEWLINE = '\n';
    private static final Pattern DAY_FILE = Pattern.compile("events-\\d{4}-\\d{2}-\\d{2}\\.jsonl");

    private final Path directory;
    private final Map<LocalDate, FileChannel> open = new HashMap<>();

    DayFileAppender(Path directory) {
        this.directory = directory;
    }

    Path fileFor(LocalDate day) {
        return directory.resolve("events-" + day + ".jsonl");
    }

    static boolean isDayFile(Path file) {
        return DAY_FILE.matcher(file.getFileName().toString()).matches();
    }

    /**
     * Appends each day's lines to its file, then forces every file written. On failure every handle is
     * closed, so the next batch reopens the files and starts on a fresh line after whatever was torn.
     *
     * @param linesByDay complete lines, each ending in a newline, per day file
     * @return per day, the offset in its file at which the day's lines start
     * @throws IOException if a write or a force failed; some of the lines may be on disk, unforced
     */
    Map<LocalDate, Long> appendAndForce(Map<LocalDate, byte[]> linesByDay) throws IOException {
        Map<LocalDate, Long> starts = new HashMap<>();
        try {
            for (Map.Entry<LocalDate, byte[]> day : linesByDay.entrySet()) {
                FileChannel channel = channelFor(day.getKey());
                starts.put(day.getKey(), channel.size());
                writeFully(channel, day.getValue());
            }
            for (LocalDate day : linesByDay.keySet()) {
                open.get(day).force(false);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        closeAllBut(linesByDay);
        return starts;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }

    private FileChannel channelFor(LocalDate day) throws IOException {
        FileChannel channel = open.get(day);
        if (channel == null) {
            channel = openForAppend(fileFor(day));
            open.put(day, channel);
        }
        return channel;
    }

    /** A file whose last line was torn (a crash or a failed write mid-line) gets a newline first, so the torn
     *  line stays alone and unreadable instead of swallowing the next event. */
    private static FileChannel openForAppend(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            if (endsInTornLine(file)) {
                writeFully(channel, new byte[] {NEWLINE});
            }
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean endsInTornLine(Path file) throws IOException {
        // A second, read-only handle: a channel opened for APPEND cannot also be opened for reading.
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = reader.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.read(last, size - 1);
            return last.get(0) != NEWLINE;
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void closeAllBut(Map<LocalDate, ?> written) {
        for (Iterator<Map.Entry<LocalDate, FileChannel>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<LocalDate, FileChannel> entry = it.next();
            if (!written.containsKey(entry.getKey())) {
                it.remove();
                try {
                    entry.getValue().close();
                } catch (IOException e) {
                    // Nothing is lost: the batch that last wrote to this file forced it.
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // The failure being reported is the one that matters; these handles are discarded either way.
        }
    }
}
