package io.memberflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples memberflow's heap every second from its /prometheus ({@code jvm_memory_used_bytes{area="heap"}},
 * summed over pools; sent with the admin bearer token) and reads its CPU time (utime + stime) from /proc.
 */
final class ProcessSampler implements AutoCloseable {
    private final String prometheusUrl;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile double peakHeapBytes = Double.NaN;
    private volatile int samples;

    ProcessSampler(String origin, String adminToken) {
        this.prometheusUrl = origin + "/prometheus";
        this.adminToken = adminToken;
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        String metrics = scrape();
        if (metrics != null) {
            double heap = heapBytes(metrics);
            if (heap > 0 && (Double.isNaN(peakHeapBytes) || heap > peakHeapBytes)) {
                peakHeapBytes = heap;
            }
            samples++;
        }
    }

    /** memberflow's /prometheus text now, or null when it did not answer 200. */
    String scrape() {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(prometheusUrl)).timeout(Duration.ofSeconds(3));
            if (adminToken != null) {
                b.header("Authorization", "Bearer " + adminToken);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null; // a missed sample; the next one comes in a second
        }
    }

    static double heapBytes(String metrics) {
        return ServerSideFigures.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"");
    }

    double peakHeapMiB() {
        return peakHeapBytes / 1048576.0;
    }

    int samples() {
        return samples;
    }

    /** utime + stime of a process in seconds (Linux /proc, USER_HZ = 100), NaN when unreadable. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0] is state (field 3); utime is field 14, stime field 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /**
     * utime + stime of a process and of its live descendants, in seconds (e.g. the embedded PostgreSQL's
     * postmaster and its backends); NaN when the process is unreadable.
     */
    static double treeCpuSeconds(long rootPid) {
        double own = cpuSeconds(rootPid);
        if (Double.isNaN(own)) {
            return own;
        }
        java.util.Map<Long, java.util.List<Long>> children = new java.util.HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                try {
                    String stat = Files.readString(Path.of("/proc", n, "stat"));
                    long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    children.computeIfAbsent(ppid, k -> new java.util.ArrayList<>()).add(Long.parseLong(n));
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            });
        } catch (java.io.IOException e) {
            return own;
        }
        double total = 0;
        java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>(java.util.List.of(rootPid));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            double cpu = cpuSeconds(pid);
            total += Double.isNaN(cpu) ? 0 : cpu;
            todo.addAll(children.getOrDefault(pid, java.util.List.of()));
        }
        return total;
    }

    /** CPU seconds of the process trees whose root pids the files name (first line, as pid files hold them). */
    static double pidFilesCpuSeconds(java.util.List<String> pidFiles) {
        double total = 0;
        for (String file : pidFiles) {
            try {
                total += treeCpuSeconds(Long.parseLong(Files.readAllLines(Path.of(file.trim())).get(0).trim()));
            } catch (Exception e) {
                return Double.NaN;
            }
        }
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
