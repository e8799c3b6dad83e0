package org.tidings.benchmarks;

import java.util.List;

/** One workload, run the same way against every broker. */
public interface Scenario {

    /** Short id, used to select scenarios ({@code -Dbench.scenarios=a,b}) and in tables. */
    String id();

    /** Runs the workload (warm-up included) against a started broker and returns what it measured. */
    List<Measurement> run(BrokerUnderTest broker, Settings settings) throws Exception;

    /** Whether the scenario only makes sense for Tidings (restart of its own store). */
    default boolean tidingsOnly() {
        return false;
    }
}
