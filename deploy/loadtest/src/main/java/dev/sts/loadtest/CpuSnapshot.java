package dev.sts.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by this process, by the whole machine and by the watched processes; two snapshots give the
 * CPU each used over the window between them, in cores (1.0 = one core busy the whole time). Machine and other
 * processes come from Linux's {@code /proc}; elsewhere they read as unknown (-1).
 */
record CpuSnapshot(long wallNanos, long selfCpuNanos, long machineBusyTicks, long machineAllTicks,
                   Map<String, Long> watchedTicks) {
    /** Linux reports process and machine times in USER_HZ ticks, fixed at 100 per second for user space. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuSnapshot take(Map<String, Long> watched) {
        long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long busy = -1;
        long all = -1;
        try {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            all = busy + idle;
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        Map<String, Long> ticks = new LinkedHashMap<>();
        watched.forEach((label, pid) -> ticks.put(label, processTicks(pid)));
        return new CpuSnapshot(System.nanoTime(), self, busy, all, ticks);
    }

    /** utime + stime of a process, or -1 if it cannot be read (gone, or not Linux). */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ppid ... : fields after the command, which may hold spaces, start at "state".
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This process's CPU between {@code earlier} and this snapshot, in cores. */
    double selfCoresSince(CpuSnapshot earlier) {
        return (selfCpuNanos - earlier.selfCpuNanos) / (double) (wallNanos - earlier.wallNanos);
    }

    /** The whole machine's busy CPU between {@code earlier} and this snapshot, in cores; -1 if unknown. */
    double machineCoresSince(CpuSnapshot earlier, int cores) {
        if (machineAllTicks < 0 || earlier.machineAllTicks < 0 || machineAllTicks == earlier.machineAllTicks) {
            return -1;
        }
        return cores * (machineBusyTicks - earlier.machineBusyTicks)
                / (double) (machineAllTicks - earlier.machineAllTicks);
    }

    /** A watched process's CPU between {@code earlier} and this snapshot, in cores; -1 if unknown. */
    double watchedCoresSince(CpuSnapshot earlier, String label) {
        long now = watchedTicks.getOrDefault(label, -1L);
        long then = earlier.watchedTicks.getOrDefault(label, -1L);
        if (now < 0 || then < 0) {
            return -1;
        }
        return (now - then) / TICKS_PER_SECOND / ((wallNanos - earlier.wallNanos) / 1e9);
    }
}
