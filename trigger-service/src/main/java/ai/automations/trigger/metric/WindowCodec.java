package ai.automations.trigger.metric;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The checkpointed form of the windows: per window its values (oldest first), capacity, last step and the recent
 * firings of the automations watching it (firings older than the quiet time are left out); per group of runs, each
 * run's attributes followed by its windows.
 */
final class WindowCodec {

    private static final byte VERSION = 1;

    private WindowCodec() {
    }

    static byte[] encode(MetricWindow window, long firedAfter) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + window.size * 8);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeInt(window.capacity());
            out.writeLong(window.lastStep);
            out.writeInt(window.size);
            for (double v : window.chronological(0, window.size)) {
                out.writeDouble(v);
            }
            Map<String, Long> fired = window.firedAt;
            int count = 0;
            if (fired != null) {
                for (Long at : fired.values()) {
                    if (at > firedAfter) {
                        count++;
                    }
                }
            }
            out.writeInt(count);
            if (count > 0) {
                for (Map.Entry<String, Long> e : fired.entrySet()) {
                    if (e.getValue() > firedAfter) {
                        out.writeUTF(e.getKey());
                        out.writeLong(e.getValue());
                    }
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores a window of {@code run} from its checkpointed form. */
    static MetricWindow decode(RunWindows run, String metric, byte[] state) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown window state version " + version);
            }
            int capacity = in.readInt();
            long lastStep = in.readLong();
            int size = in.readInt();
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = in.readDouble();
            }
            MetricWindow window = new MetricWindow(run, metric, Math.max(capacity, size));
            window.load(values, lastStep);
            int fired = in.readInt();
            for (int i = 0; i < fired; i++) {
                window.markFired(in.readUTF(), in.readLong());
            }
            return window;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One checkpoint group: every window of these runs. */
    static byte[] encodeGroup(List<RunWindows> runs, long firedAfter) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + runs.size() * 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeInt(runs.size());
            for (RunWindows run : runs) {
                out.writeUTF(run.runId);
                out.writeUTF(run.entity);
                out.writeUTF(run.project);
                writeNullable(out, run.runName);
                writeNullable(out, run.user);
                out.writeInt(run.windows.size());
                for (MetricWindow window : run.windows.values()) {
                    out.writeUTF(window.metric);
                    byte[] state = encode(window, firedAfter);
                    out.writeInt(state.length);
                    out.write(state);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores the runs of one checkpoint group into {@code partition}; returns how many windows came back. */
    static int decodeGroup(PartitionWindows partition, byte[] group, long lastSeen) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(group));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown window group version " + version);
            }
            int runs = in.readInt();
            int windows = 0;
            for (int r = 0; r < runs; r++) {
                RunWindows run = new RunWindows(in.readUTF(), in.readUTF(), in.readUTF(), readNullable(in), readNullable(in));
                run.lastSeen = lastSeen;
                int count = in.readInt();
                for (int w = 0; w < count; w++) {
                    String metric = in.readUTF();
                    byte[] state = new byte[in.readInt()];
                    in.readFully(state);
                    run.windows.put(metric, decode(run, metric, state));
                }
                partition.runs.put(run.key, run);
                partition.lastRun = null;
                windows += count;
            }
            partition.windowCount += windows;
            return windows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
