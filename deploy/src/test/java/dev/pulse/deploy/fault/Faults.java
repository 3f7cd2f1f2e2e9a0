package dev.pulse.deploy.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.deploy.security.Live;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the fault suites do to the local stack: SIGKILL a component by its pid file and start it again with the
 * deploy/local scripts. Disruptive for anyone else on the stack, so every suite here runs only with PULSE_FAULTS=1
 * (the last step of ./pulse test).
 */
final class Faults {
    static final Path REPO = Path.of("").toAbsolutePath().getFileName().toString().equals("deploy")
            ? Path.of("").toAbsolutePath().getParent() : Path.of("").toAbsolutePath();

    private Faults() {
    }

    static void requireFaultRun() {
        Assumptions.assumeTrue("1".equals(System.getenv("PULSE_FAULTS")), "fault injection only as the last step of ./pulse test");
    }

    static void kill9(String component) throws Exception {
        String pid = Files.readAllLines(REPO.resolve(".state/run/" + component + ".pid")).get(0).trim();
        System.out.println("faults: kill -9 " + component + " (pid " + pid + ")");
        new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    static void restart(String component) throws Exception {
        List<String> cmd = component.endsWith("-service") || component.equals("gateway")
                ? List.of(REPO.resolve("deploy/local/services.sh").toString(), "start", component)
                : List.of(REPO.resolve("deploy/local/" + component + ".sh").toString(), "start");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(REPO.resolve("deploy/target/fault-restart-" + component + ".log").toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("restarting " + component + " took longer than 180 s");
        }
        System.out.printf("faults: %s restarted (exit %d) in %.1f s%n", component, p.exitValue(), (System.nanoTime() - t0) / 1e9);
        assertEquals(0, p.exitValue(), "restart of " + component);
    }

    /** Σ over rounds of a count query in the survey (true) or analytics database; -1 while PostgreSQL recovers. */
    static long sum(String sql, List<String> rounds, boolean survey) {
        long n = 0;
        try (Connection c = survey ? Live.surveyDb() : Live.analyticsDb()) {
            for (String r : rounds) {
                n += Live.count(c, sql, UUID.fromString(r));
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
        return n;
    }

    static long stored(List<String> rounds) {
        return sum("select count(*) from response where round_id = ?", rounds, true);
    }

    static long counted(List<String> rounds) {
        return sum("select coalesce(sum(respondents), 0) from unit_aggregate where round_id = ?", rounds, false);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
