package ai.automations.trigger.evaluation;

/** The most recent logged values of one metric of one run, newest first. */
public interface RecentValues {

    /** How many values are held. */
    int size();

    /** The {@code i}-th most recent value: 0 is the latest. */
    double recent(int i);

    /** Values {@code [newestIndex + count - 1 .. newestIndex]} in logging order (oldest first). */
    default double[] chronological(int newestIndex, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[count - 1 - i] = recent(newestIndex + i);
        }
        return out;
    }

    /** Values given oldest first, as a dry-run passes them. */
    static RecentValues of(double[] chronological) {
        return new RecentValues() {
            @Override
            public int size() {
                return chronological.length;
            }

            @Override
            public double recent(int i) {
                return chronological[chronological.length - 1 - i];
            }
        };
    }
}
