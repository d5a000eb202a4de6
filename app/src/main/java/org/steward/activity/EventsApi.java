package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: Steward JSON lines from another system (docs/activity-json-lines.md), authenticated by
 * the source's token ({@code Authorization: Bearer stw_…}), not by a session: no cookie, so no CSRF token either.
 * Each request is one run; the same body sent twice is counted once.
 */
@RestController
class EventsApi {

    private final Sources sources;
    private final Ingestion ingestion;
    private final Clock clock;

    EventsApi(Sources sources, Ingestion ingestion, Clock clock) {
        this.sources = sources;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    @PostMapping("/api/events")
    ResponseEntity<Map<String, Object>> events(@RequestHeader(name = "Authorization", required = false)
                                               String authorization, HttpServletRequest request) throws IOException {
        Optional<Sources.Source> source = Optional.ofNullable(authorization)
                .filter(a -> a.startsWith("Bearer ")).map(a -> a.substring(7).strip()).flatMap(sources::byToken);
        if (source.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer realm=\"steward\"")
                    .body(Map.of("problem", "A source's token is needed: Authorization: Bearer stw_…; a revoked "
                            + "token opens nothing."));
        }
        try (InputStream body = request.getInputStream()) {
            Ingestion.Run run = ingestion.ingest(source.get().districtId(), source.get().id(), body,
                    "events-" + clock.millis() + ".jsonl", "api:" + source.get().name());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("run", run.id());
            answer.put("status", run.status().name());
            answer.put("lines", run.lines());
            answer.put("bad_lines", run.badLines());
            answer.put("bad_samples", run.badSamples());
            answer.put("findings", run.findings());
            if (!run.problem().isEmpty()) {
                answer.put("problem", run.problem());
            }
            return ResponseEntity.status(run.status() == Ingestion.Status.DONE ? HttpStatus.OK
                    : HttpStatus.INTERNAL_SERVER_ERROR).body(answer);
        } catch (Ingestion.Refused refused) {
            return ResponseEntity.unprocessableEntity().body(Map.of("problem", refused.getMessage()));
        }
    }
}
