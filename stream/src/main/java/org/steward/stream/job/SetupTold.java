package org.steward.stream.job;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A task's word on a district's setup: which version, which task, applied or refused, and why. */
final class SetupTold {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SetupTold() {
    }

    /** {@code problem} is null when the task applied the setup. */
    static String json(DistrictSetup setup, int task, String problem) {
        ObjectNode json = JSON.createObjectNode();
        json.put("district", setup.district());
        json.put("version", setup.version());
        json.put("task", task);
        json.put("applied", problem == null);
        if (problem != null) {
            json.put("problem", problem);
        }
        return json.toString();
    }
}
