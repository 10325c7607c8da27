package ai.automations.trigger.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The windows of one run, with the run attributes the run filters ({@code runNameRegex}, {@code user}, {@code where}
 * on {@code tags} and {@code config}) look at. A run is its (entity, project, run id): run ids are unique per project
 * only, so two projects' runs of the same id never share windows ({@link #key}).
 */
public final class RunWindows {

    final String runId;
    final int bucket;
    final String entity;
    final String project;
    String runName;
    String user;
    List<String> tags;
    Map<String, Object> config;
    final Key key;
    int version;
    long lastSeen;
    final Map<String, MetricWindow> windows = new HashMap<>(8);

    RunWindows(String runId, String entity, String project, String runName, String user) {
        this.runId = runId;
        this.bucket = PartitionWindows.bucketOf(runId);
        this.entity = entity;
        this.project = project;
        this.runName = runName;
        this.user = user;
        this.key = new Key(entity, project, runId);
    }

    /** A run's identity in {@link PartitionWindows}: run ids are unique per project only. */
    public record Key(String entity, String project, String runId) {
    }

    public String runId() {
        return runId;
    }

    public String entity() {
        return entity;
    }

    public String project() {
        return project;
    }

    public String runName() {
        return runName;
    }

    public String user() {
        return user;
    }

    public List<String> tags() {
        return tags;
    }

    public Map<String, Object> config() {
        return config;
    }

    public MetricWindow window(String metric) {
        return windows.get(metric);
    }

    /**
     * Takes a newer run name, user, tags or config from a point; windows re-check their run filters when they change.
     * The points of one record share their config object, so the usual check is an identity check.
     */
    void update(String name, String newUser, List<String> newTags, Map<String, Object> newConfig) {
        if (!Objects.equals(runName, name) || !Objects.equals(user, newUser) || !Objects.equals(tags, newTags)
                || config != newConfig && !Objects.equals(config, newConfig)) {
            runName = name;
            user = newUser;
            tags = newTags;
            config = newConfig;
            version++;
        }
    }
}
