package ai.automations.trigger.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Where {@link AutomationEvaluator} writes the checks it made, one line per check ({@code "scope: ..."}). Live matching
 * passes {@link #OFF}, which records nothing: the evaluator asks {@link #recording()} before it builds a line, so the
 * hot path allocates no strings. A dry-run passes {@link #recording()} trace and prints its lines.
 */
public interface Trace {

    /** Records nothing; what live matching uses. */
    Trace OFF = new Trace() {
        @Override
        public boolean recording() {
            return false;
        }

        @Override
        public void add(String line) {
        }
    };

    /** Whether lines are kept; callers build a line only when this is true. */
    boolean recording();

    /** Adds one check, written {@code "<check>: <what was found>"}. */
    void add(String line);

    /** A trace that keeps every line, in the order the checks were made. */
    static Recorded record() {
        return new Recorded();
    }

    /** The lines of a recording trace. */
    final class Recorded implements Trace {

        private final List<String> lines = new ArrayList<>();

        private Recorded() {
        }

        @Override
        public boolean recording() {
            return true;
        }

        @Override
        public void add(String line) {
            lines.add(line);
        }

        public List<String> lines() {
            return lines;
        }
    }
}
