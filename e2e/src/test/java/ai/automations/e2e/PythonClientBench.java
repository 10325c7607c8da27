package ai.automations.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The Python SDK's run logger against the packaged suite: {@code run.log} latency (p50/p99 in µs, beside a
 * {@code deque.append} floor) and the points/s one run sustains (beside plain {@code urllib} POSTs of the same
 * batches). Prints figures, asserts only that the benchmark ran. Run with {@code -Pbench -Dit.test=PythonClientBench}
 * ({@code -Dbench.python-args="--latency-points 100000 --throughput-points 200000"}).
 */
class PythonClientBench {

    @Test
    void runLogLatencyAndThroughput() {
        Suite suite = Suite.get();
        PythonClient python = PythonClient.get();
        Map<String, String> env = new HashMap<>(PythonClient.suiteEnvironment(suite));
        String[] extra = System.getProperty("bench.python-args", "").trim().split("\\s+");
        String[] args = new String[1 + (extra[0].isEmpty() ? 0 : extra.length)];
        args[0] = "bench/bench_log.py";
        if (!extra[0].isEmpty()) {
            System.arraycopy(extra, 0, args, 1, extra.length);
        }
        PythonClient.Result result = python.python(env, Duration.ofMinutes(30), args);
        System.out.println("=== Python SDK benchmark ===\n" + result.output());
        result.requireSuccess("bench/bench_log.py");
    }
}
