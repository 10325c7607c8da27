package ai.automations.trigger.stall;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One persisted RUN_STALLED deadline: an automation, a run it covers, where the run's history was last read
 * ({@code partition}, {@code offset} of {@code automation.run-metrics}) and when. A stall is identified by that
 * position, so the event id of its firing is the same whoever fires it and however often. {@code tags} and
 * {@code config} are the run's as JSON text (a list, an object; null when none), as last seen on its RUN_STATE
 * {@code RUNNING} or history record: the automation's {@code where} is checked on them again when the stall fires, and
 * the event carries them.
 */
public record StallRow(String automationId, String entity, String project, String runId, int partition,
        long offset, String runName, String user, Instant lastHistoryAt, Instant deadlineAt, String tags,
        String config) {

    /** The deadline without the run's tags and config. */
    public StallRow(String automationId, String entity, String project, String runId, int partition, long offset,
            String runName, String user, Instant lastHistoryAt, Instant deadlineAt) {
        this(automationId, entity, project, runId, partition, offset, runName, user, lastHistoryAt, deadlineAt, null,
                null);
    }

    /**
     * The position of a deadline armed by the run becoming RUNNING, before any history of it was read: any history
     * record comes later and re-arms it.
     */
    public static final long NO_HISTORY = -1;

    /**
     * The id of the RUN_STALLED event of this stall: a function of the automation, the run and the position only (for
     * a run that logged nothing since it became RUNNING, of when it did: a resumed run stalls anew).
     */
    public String eventId() {
        String key = "run-stalled\n" + automationId + "\n" + entity + "\n" + project + "\n" + runId + "\n" + partition
                + "\n" + offset + (offset == NO_HISTORY ? "\n" + lastHistoryAt.toEpochMilli() : "");
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
