package org.steward.stream.job;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The districts' setups in a task: those the job started with, and the changes that came since on the topic of
 * setups (broadcast to every task, kept in its broadcast state, so in checkpoints). A change applies to the lines a
 * task reads after it: the app writes a district's new rules or lists, and the job counts with them without being
 * restarted. Each district's engine is built once per setup version, on the task's thread.
 */
final class Setups {

    static final MapStateDescriptor<String, DistrictSetup> STATE = new MapStateDescriptor<>("district-setups",
            BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(DistrictSetup.class));

    private final Districts started;
    private final Map<String, DistrictSetup.Engine> engines = new HashMap<>();

    Setups(Districts started) {
        this.started = started;
    }

    /** The district's setup of the day: the latest change the task has, else the one the job started with. */
    DistrictSetup current(String district, ReadOnlyBroadcastState<String, DistrictSetup> changes) throws Exception {
        DistrictSetup changed = changes.get(district);
        return changed != null ? changed : started.get(district);
    }

    /** The district's engine for its setup of the day; null for a district the job has no setup of. */
    DistrictSetup.Engine engine(String district, ReadOnlyBroadcastState<String, DistrictSetup> changes)
            throws Exception {
        DistrictSetup setup = current(district, changes);
        if (setup == null) {
            return null;
        }
        DistrictSetup.Engine engine = engines.get(district);
        if (engine == null || engine.setup().version() != setup.version()) {
            engine = setup.engine();
            engines.put(district, engine);
        }
        return engine;
    }

    /** Whether a setup that came is a change to apply: a newer version than the task has. */
    boolean isNewer(DistrictSetup setup, ReadOnlyBroadcastState<String, DistrictSetup> changes) throws Exception {
        DistrictSetup current = current(setup.district(), changes);
        return current == null || setup.version() > current.version();
    }
}
