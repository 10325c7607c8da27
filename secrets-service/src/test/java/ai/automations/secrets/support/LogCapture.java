package ai.automations.secrets.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures everything the service logs, at every level (TRACE included), while open: the formatted message, its raw
 * parameters and any exception with its causes. Used to prove that secret values never reach a log. The test's own
 * HTTP client (rest-assured's Apache client, which logs what the test sends) and the HTTP doubles (WireMock, Jetty)
 * share this JVM but are not the service, so their loggers are left out.
 */
public final class LogCapture implements AutoCloseable {

    private static final String[] RAISED = { "", "ai.automations", "io.quarkus", "io.vertx", "org.hibernate",
            "io.smallrye", "org.jboss.resteasy", "io.quarkiverse", "io.quarkus.vault", "org.apache.kafka" };

    private static final String[] NOT_THE_SERVICE = { "org.apache.http", "com.github.tomakehurst", "wiremock",
            "org.eclipse.jetty" };

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Map<String, Level> previous = new HashMap<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            for (String excluded : NOT_THE_SERVICE) {
                if (logger.startsWith(excluded)) {
                    return;
                }
            }
            lines.add(render(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
    }

    /** Starts capturing and raises the main loggers to ALL until {@link #close()}. */
    public static LogCapture everything() {
        LogCapture capture = new LogCapture();
        capture.handler.setLevel(Level.ALL);
        for (String name : RAISED) {
            Logger logger = Logger.getLogger(name);
            capture.previous.put(name, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        for (String name : NOT_THE_SERVICE) {
            Logger logger = Logger.getLogger(name);
            capture.previous.put(name, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        Logger.getLogger("").addHandler(capture.handler);
        return capture;
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        previous.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    private static String render(LogRecord record) {
        StringBuilder out = new StringBuilder();
        out.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ');
        out.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                out.append(" | ").append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.append('\n').append(trace);
        }
        return out.toString();
    }
}
