package org.steward.publishing;

import java.time.LocalDate;
import java.util.List;

/**
 * The check's question: these students (or a class's), in a post of this kind, for this audience, on this site if
 * any, going out on this day (whose school year decides which choice counts).
 */
public record CheckRequest(List<Long> studentIds, Long classId, PostKind kind, Audience audience, Long siteId,
                           LocalDate on) {

    public CheckRequest {
        studentIds = studentIds == null ? List.of() : List.copyOf(studentIds);
    }
}
