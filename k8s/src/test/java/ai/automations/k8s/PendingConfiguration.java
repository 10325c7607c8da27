package ai.automations.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The entries of pending-configuration.txt: settings the chart passes before their service reads them. */
record PendingConfiguration(String service, String property, String decidedBy, String note) {

    static List<PendingConfiguration> load() {
        try (InputStream in = PendingConfiguration.class.getResourceAsStream("/pending-configuration.txt")) {
            List<PendingConfiguration> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                int hash = content.indexOf('#');
                String note = hash < 0 ? "" : content.substring(hash + 1).strip();
                String[] columns = (hash < 0 ? content : content.substring(0, hash)).strip().split("\\s+");
                if (columns.length != 3) {
                    throw new IllegalStateException("pending-configuration.txt: expected 3 columns in: " + line);
                }
                entries.add(new PendingConfiguration(columns[0], columns[1], columns[2], note));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean matches(String service, String envName) {
        return this.service.equals(service)
                && (property.equals(envName) || ServiceConfiguration.envForm(property).equals(envName));
    }
}
