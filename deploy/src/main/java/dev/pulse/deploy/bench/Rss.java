package dev.pulse.deploy.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size from /proc: a process and all its descendants (kc.sh forks Keycloak's JVM, the postmaster its backends). */
final class Rss {
    private Rss() {}

    static long ofSessionKb(long root) throws Exception {
        java.util.Map<Long, Long> parent = new java.util.HashMap<>();
        java.util.Map<Long, Long> rss = new java.util.HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parent.put(pid, Long.parseLong(f[1]));
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("VmRSS:")) {
                            rss.put(pid, Long.parseLong(line.replaceAll("[^0-9]", "")));
                        }
                    }
                } catch (Exception gone) {
                    // the process ended while we looked
                }
            }
        }
        long total = 0;
        for (var e : rss.entrySet()) {
            for (long p = e.getKey(), hops = 0; p > 1 && hops < 64; p = parent.getOrDefault(p, 0L), hops++) {
                if (p == root) {
                    total += e.getValue();
                    break;
                }
            }
        }
        return total;
    }
}
