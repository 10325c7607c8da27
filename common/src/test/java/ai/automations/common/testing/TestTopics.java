package ai.automations.common.testing;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;

import ai.automations.common.event.Topics;

/** The contract's topics as tests create them: several partitions each, definitions compacted. */
public final class TestTopics {

    public static final int PARTITIONS = 4;

    public static final List<NewTopic> CONTRACT = List.of(
            new NewTopic(Topics.EVENTS, PARTITIONS, (short) 1),
            new NewTopic(Topics.RUN_METRICS, PARTITIONS, (short) 1),
            new NewTopic(Topics.DEFINITIONS, PARTITIONS, (short) 1).configs(Map.of("cleanup.policy", "compact")),
            new NewTopic(Topics.ACTIONS, PARTITIONS, (short) 1),
            new NewTopic(Topics.ACTIONS_DLQ, PARTITIONS, (short) 1),
            new NewTopic(Topics.SECRET_CHANGES, PARTITIONS, (short) 1));

    private TestTopics() {
    }
}
