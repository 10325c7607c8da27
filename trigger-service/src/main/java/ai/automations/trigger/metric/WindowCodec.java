package ai.automations.trigger.metric;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The checkpointed form of one window: its values (oldest first), capacity, last step and the recent firings of the
 * automations watching it. Firings older than the quiet time are left out.
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
}
