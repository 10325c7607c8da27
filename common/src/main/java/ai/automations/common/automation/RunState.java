package ai.automations.common.automation;

/** The states of a run; every state but {@code RUNNING} is terminal. */
public enum RunState {
    RUNNING, FINISHED, FAILED, CRASHED, KILLED;

    /** The state an automation's {@code states} filter sees: a crash is a failure. */
    public RunState asTriggered() {
        return this == CRASHED ? FAILED : this;
    }
}
