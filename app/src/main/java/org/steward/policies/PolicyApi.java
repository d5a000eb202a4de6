package org.steward.policies;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.steward.accounts.StewardUser;

/** The same policies as JSON, for the district's other systems. */
@RestController
@RequestMapping("/api/policies")
class PolicyApi {

    record VersionInfo(int number, String status, String sha256, String publishedAt, String publishedBy) {
        static VersionInfo of(PolicyVersion v) {
            return new VersionInfo(v.number(), v.status().name(), v.sha256(),
                    v.publishedAt() == null ? null : v.publishedAt().toString(), v.publishedBy());
        }
    }

    record PolicyInfo(long id, String title, String source, List<VersionInfo> versions) {
    }

    record VersionDocument(long policyId, int number, String title, String status, String sha256,
                           List<Clause> clauses) {
    }

    record Publication(String note) {
    }

    private final PolicyLibrary library;

    PolicyApi(PolicyLibrary library) {
        this.library = library;
    }

    @GetMapping
    List<PolicyInfo> all(@AuthenticationPrincipal StewardUser me) {
        return library.all(me.districtId()).stream().map(s -> info(me, s)).toList();
    }

    @GetMapping("/{id}")
    PolicyInfo one(@AuthenticationPrincipal StewardUser me, @PathVariable long id) {
        return info(me, library.find(me.districtId(), id).orElseThrow(PolicyApi::notFound));
    }

    @GetMapping("/{id}/versions/{number}")
    VersionDocument version(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int number) {
        PolicyVersion v = library.version(me.districtId(), id, number).orElseThrow(PolicyApi::notFound);
        if (!v.isPublished() && !me.mayEditPolicies()) {
            throw notFound();
        }
        return new VersionDocument(id, v.number(), v.title(), v.status().name(), v.sha256(), v.clauseList());
    }

    @GetMapping("/{id}/diff")
    ClauseDiff diff(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @RequestParam int from,
                    @RequestParam int to) {
        version(me, id, from);
        version(me, id, to);
        return library.diff(me.districtId(), id, from, to);
    }

    @PostMapping("/{id}/versions/{number}/publish")
    VersionInfo publish(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int number,
                        @RequestBody(required = false) Publication publication) {
        library.find(me.districtId(), id).orElseThrow(PolicyApi::notFound);
        return VersionInfo.of(library.publish(me.districtId(), id, number,
                publication == null ? null : publication.note()));
    }

    private static PolicyInfo info(StewardUser me, PolicyLibrary.Summary s) {
        return new PolicyInfo(s.policy().id(), s.policy().title(), s.policy().source().name(),
                s.versions().stream().filter(v -> v.isPublished() || me.mayEditPolicies()).map(VersionInfo::of)
                        .toList());
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such policy or version in your district.");
    }
}
