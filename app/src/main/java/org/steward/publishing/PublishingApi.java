package org.steward.publishing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.steward.accounts.StewardUser;

/**
 * {@code GET /api/publishing/check}: the check as JSON, for a district web site's publishing tool, answering exactly
 * what the check page answers (the same service), for the signed-in person and the students they may read. Bad
 * questions get 400 with every problem named.
 */
@RestController
class PublishingApi {

    private final Checks checks;

    PublishingApi(Checks checks) {
        this.checks = checks;
    }

    @GetMapping("/api/publishing/check")
    ResponseEntity<Object> check(@AuthenticationPrincipal StewardUser me,
                                 @RequestParam(name = "student", required = false) List<String> students,
                                 @RequestParam(name = "class", required = false) String classId,
                                 @RequestParam(required = false) String kind,
                                 @RequestParam(required = false) String audience,
                                 @RequestParam(required = false) String site,
                                 @RequestParam(required = false) String on) {
        List<String> problems = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String text : students == null ? List.<String>of() : students) {
            for (String one : text.split(",")) {
                if (!one.isBlank()) {
                    number(one, "student", problems).ifPresent(ids::add);
                }
            }
        }
        Long classNumber = classId == null || classId.isBlank() ? null
                : number(classId, "class", problems).orElse(null);
        Long siteNumber = site == null || site.isBlank() ? null : number(site, "site", problems).orElse(null);
        PostKind postKind = named(PostKind.class, kind, "kind", problems);
        Audience postAudience = named(Audience.class, audience, "audience", problems);
        LocalDate day = null;
        if (on == null || on.isBlank()) {
            problems.add("on: the day the post goes out is needed, as yyyy-mm-dd");
        } else {
            try {
                day = LocalDate.parse(on.strip());
                if (day.getYear() < 2000 || day.getYear() > 2199) {
                    problems.add("on: " + on + " is not a school day Steward keeps choices for");
                    day = null;
                }
            } catch (DateTimeParseException e) {
                problems.add("on: '" + on + "' is not a date like 2026-12-03");
            }
        }
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("problems", problems));
        }
        try {
            return ResponseEntity.ok(checks.check(me, new CheckRequest(ids, ids.isEmpty() ? classNumber : null,
                    postKind, postAudience, siteNumber, day)));
        } catch (PublishingRefused refused) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("problems",
                    List.of(refused.getMessage())));
        }
    }

    private static java.util.Optional<Long> number(String text, String what, List<String> problems) {
        try {
            return java.util.Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            problems.add(what + ": '" + text + "' is not a Steward id (a whole number)");
            return java.util.Optional.empty();
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String text, String what, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(what + ": needed, one of " + List.of(type.getEnumConstants()));
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(what + ": '" + text + "' is not one of " + List.of(type.getEnumConstants()));
            return null;
        }
    }
}
