package ai.automations.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python SDK ({@code clients/python}) as its users get it: installed with {@code pip install ./clients/python}
 * into a fresh virtual environment under {@code target/}, then run with the suite's address in its environment.
 * Python's output is kept so that a failing run shows why.
 */
final class PythonClient {

    private static PythonClient installed;

    private final Path root;
    private final Path client;
    private final Path venv;

    private PythonClient(Path root) {
        this.root = root;
        this.client = root.resolve("clients/python");
        this.venv = Paths.get("target", "python-venv").toAbsolutePath();
    }

    /** The virtual environment with the SDK installed, made once per test JVM. */
    static synchronized PythonClient get() {
        if (installed == null) {
            PythonClient python = new PythonClient(
                    Paths.get(System.getProperty("automations.root", "..")).toAbsolutePath().normalize());
            python.install();
            installed = python;
        }
        return installed;
    }

    Path clientDir() {
        return client;
    }

    Path python() {
        return venv.resolve("bin/python");
    }

    /** The environment that points the SDK at the running suite: its front door, the console. */
    static Map<String, String> suiteEnvironment(Suite suite) {
        return Map.of("AUTOMATIONS_BASE_URL", suite.url(Suite.CONSOLE), "AUTOMATIONS_API_KEY", suite.adminKey());
    }

    private void install() {
        String python = System.getProperty("e2e.python", "python3");
        Result venvMade = run(root, Map.of(), Duration.ofMinutes(2), python, "-m", "venv", "--clear", venv.toString());
        venvMade.requireSuccess("python3 -m venv");
        Result pip = run(root, Map.of("PIP_DISABLE_PIP_VERSION_CHECK", "1"), Duration.ofMinutes(5),
                python().toString(), "-m", "pip", "install", "--quiet", "./clients/python");
        pip.requireSuccess("pip install ./clients/python");
    }

    /** Runs the virtual environment's Python in {@code clients/python} with extra environment variables. */
    Result python(Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(python().toString());
        command.addAll(List.of(args));
        return run(client, env, timeout, command.toArray(String[]::new));
    }

    /** Starts the virtual environment's Python without waiting for it (stdin and stdout stay with the caller). */
    Process start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(python().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(client.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result run(Path dir, Map<String, String> env, Duration timeout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            Process process = builder.start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "python-output");
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                reader.join(5_000);
                return new Result(-1, output.toString(StandardCharsets.UTF_8) + "\n[timed out after " + timeout + "]",
                        String.join(" ", command));
            }
            reader.join(10_000);
            return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }

    /** A finished Python process: its exit status and everything it printed. */
    record Result(int exitCode, String output, String command) {

        void requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed (exit " + exitCode + "): " + command + "\n" + output);
            }
        }

        /** For unittest runs: they passed, ran at least one test, and skipped none (a skip would hide a missing suite). */
        void requireAllPassed(String what) {
            System.out.println("=== " + what + " ===\n" + output);
            requireSuccess(what);
            if (!output.contains("\nOK") || output.contains("skipped=") || output.contains("Ran 0 tests")) {
                throw new AssertionError(what + " ran no test or skipped some: " + command + "\n" + output);
            }
        }
    }
}
