package ai.automations.registry.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a history call is handled: where its body is parsed. */
@ConfigMapping(prefix = "automations.history")
public interface RunHistoryConfig {

    /**
     * Bodies up to this many bytes (a few points: the sequential logging of one step) are parsed on the thread that
     * received them, which takes microseconds; larger ones are parsed on a worker thread so the event loop stays free.
     * Each worker hop spared is a thread wake-up off the path from a logged point to its rule's action.
     */
    @WithDefault("4096")
    int inlineParseMaxBytes();
}
