package ai.automations.trigger.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The windows of one run, with the run attributes the run filters ({@code runNameRegex}, {@code user}, {@code where}
 * on {@code tags}) look at.
 */
public final class RunWindows {

    final String runId;
    final int bucket;
    final String entity;
    final String project;
    String runName;
    String user;
    List<String> tags;
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

    public MetricWindow window(String metric) {
        return windows.get(metric);
    }

    /** Takes a newer run name, user or tags from a point; windows re-check their run filters when they change. */
    void update(String name, String newUser, List<String> newTags) {
        if (!Objects.equals(runName, name) || !Objects.equals(user, newUser) || !Objects.equals(tags, newTags)) {
            runName = name;
            user = newUser;
            tags = newTags;
            version++;
        }
    }
}
