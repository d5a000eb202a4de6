package org.steward.policies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.steward.audit.AuditLog;

/**
 * A district's policies and their versions: adopting Steward's model policy or importing the district's own text,
 * editing drafts, publishing, and comparing versions.
 */
@Service
public class PolicyLibrary {

    static final String MODEL_POLICY = "/policies/model-policy.txt";

    /** A policy with its versions, newest first. */
    public record Summary(Policy policy, List<PolicyVersion> versions) {

        public Optional<PolicyVersion> latestPublished() {
            return versions.stream().filter(PolicyVersion::isPublished).findFirst();
        }

        public Optional<PolicyVersion> draft() {
            return versions.stream().filter(v -> !v.isPublished()).findFirst();
        }
    }

    private final Policies policies;
    private final PolicyVersions versions;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcClient jdbc;
    /**
     * Published versions by id, read once: a published version never changes (the database refuses it), and every
     * signing reads one. Kept only once the transaction that read it has committed, so a version published in a
     * transaction that then rolls back is never taken for published. The policy row is read every time: its
     * district decides who may read the version.
     */
    private final Cache<Long, PolicyVersion> published = Caffeine.newBuilder().maximumSize(500).build();

    PolicyLibrary(Policies policies, PolicyVersions versions, AuditLog audit, Clock clock, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.versions = versions;
        this.audit = audit;
        this.clock = clock;
    }

    public static ParsedPolicy parse(String text) {
        return PolicyTextParser.parse(text);
    }

    public static String modelPolicyText() {
        try (InputStream in = PolicyLibrary.class.getResourceAsStream(MODEL_POLICY)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Summary> all(long districtId) {
        return policies.findByDistrictIdOrderByTitle(districtId).stream()
                .map(p -> new Summary(p, versions.findByPolicyIdOrderByNumberDesc(p.id())))
                .toList();
    }

    /** A policy as the start page lists it: its latest published version, if any, and whether a draft is open. */
    public record Standing(long policyId, String title, Integer published, boolean draftOpen) {
    }

    /** Where each of the district's policies stands, by title, in one query: no version's clauses are read. */
    public List<Standing> standing(long districtId) {
        return jdbc.sql("""
                        select p.id, p.title, max(v.number) filter (where v.status = 'PUBLISHED'),
                               coalesce(bool_or(v.status = 'DRAFT'), false)
                          from policy p left join policy_version v on v.policy_id = p.id
                         where p.district_id = ?
                         group by p.id, p.title order by p.title, p.id""")
                .param(districtId)
                .query((rs, n) -> new Standing(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getBoolean(4)))
                .list();
    }

    public Optional<Summary> find(long districtId, long policyId) {
        return policies.findByIdAndDistrictId(policyId, districtId)
                .map(p -> new Summary(p, versions.findByPolicyIdOrderByNumberDesc(p.id())));
    }

    public Optional<PolicyVersion> version(long districtId, long policyId, int number) {
        return policies.findByIdAndDistrictId(policyId, districtId)
                .flatMap(p -> versions.findByPolicyIdAndNumber(p.id(), number));
    }

    /**
     * Cites a clause of the district's policy in force at a moment: the version of its policies published last by
     * then. Empty when the district had published none, or when that version has no clause with this key: a
     * decision then cites nothing rather than a clause of another version.
     */
    public Optional<ClauseReference> cite(long districtId, String clauseKey, Instant at) {
        if (clauseKey == null || clauseKey.isBlank()) {
            return Optional.empty();
        }
        return citations(districtId).cite(clauseKey.strip(), at);
    }

    /**
     * The published versions of the district's adopted policy, to cite many clauses at many moments: their clause
     * keys in one query (every check of a post asks for them; the versions' clause texts are never read here).
     */
    public Citations citations(long districtId) {
        Map<Long, Citations.Published> published = new LinkedHashMap<>();
        jdbc.sql("""
                        select v.id, v.published_at, c.clause_key from policy p
                          join policy_version v on v.policy_id = p.id and v.status = 'PUBLISHED'
                          left join policy_clause c on c.version_id = v.id
                         where p.district_id = ? and p.adopted order by v.number desc""")
                .param(districtId)
                .query(rs -> {
                    Citations.Published version = published.get(rs.getLong(1));
                    if (version == null) {
                        version = new Citations.Published(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                                new HashSet<>());
                        published.put(version.versionId(), version);
                    }
                    if (rs.getString(3) != null) {
                        version.keys().add(rs.getString(3));
                    }
                });
        return new Citations(List.copyOf(published.values()));
    }

    /**
     * Why a clause key cannot be what a district names for its decisions to cite, or empty when it can: it must look
     * like a clause number, and be a clause of the district's policy in force, when it has one.
     */
    public Optional<String> clauseKeyProblem(long districtId, String clauseKey) {
        String key = clauseKey == null ? "" : clauseKey.strip();
        if (!key.matches("[A-Za-z0-9.()\\- ]{1,40}")) {
            return Optional.of("Name the clause by its number as the policy writes it, such as C.12, II.D.5 or 9.c.");
        }
        return inForce(districtId).filter(v -> cite(districtId, key).isEmpty())
                .map(v -> "The district's policy in force (" + v.title() + ", version " + v.number()
                        + ") has no clause " + key + ": name one of its clauses, as its contents list them.");
    }

    /** Cites a clause of the district's policy in force now. */
    public Optional<ClauseReference> cite(long districtId, String clauseKey) {
        return cite(districtId, clauseKey, clock.instant());
    }

    /** The version of the district's policies published last, if any: the policy in force now. */
    public Optional<PolicyVersion> inForce(long districtId) {
        return inForce(districtId, clock.instant());
    }

    /** The version of the district's adopted policy published last by a moment, if any. */
    public Optional<PolicyVersion> inForce(long districtId, Instant at) {
        return policies.findByDistrictIdAndAdoptedTrue(districtId).stream()
                .flatMap(p -> versions.findByPolicyIdOrderByNumberDesc(p.id()).stream())
                .filter(v -> v.isPublished() && !v.publishedAt().isAfter(at))
                .max(java.util.Comparator.comparing(PolicyVersion::publishedAt));
    }

    /** Makes this the policy the district adopted: decisions from now on cite its published versions. */
    @Transactional
    public Policy adopt(long districtId, long policyId) {
        Policy chosen = policies.findByIdAndDistrictId(policyId, districtId)
                .orElseThrow(() -> new IllegalArgumentException("No such policy."));
        policies.findByDistrictIdAndAdoptedTrue(districtId).filter(p -> !p.id().equals(policyId))
                .ifPresent(p -> policies.save(new Policy(p.id(), p.districtId(), p.title(), p.source(),
                        p.createdAt(), false)));
        Policy adopted = policies.save(new Policy(chosen.id(), chosen.districtId(), chosen.title(), chosen.source(),
                chosen.createdAt(), true));
        audit.record(districtId, "POLICY_ADOPTED", "policy", policyId, chosen.title());
        return adopted;
    }

    /** The clause a reference cites, with its policy and version, if the reference is the district's. */
    public Optional<CitedClause> cited(long districtId, ClauseReference reference) {
        return publishedDocument(districtId, reference.policyVersionId())
                .flatMap(d -> d.version().clauseList().stream().filter(c -> c.key().equals(reference.clauseKey()))
                        .findFirst()
                        .map(c -> new CitedClause(reference, d.policy().id(), d.policy().title(),
                                d.version().number(), c)));
    }

    /** A published version as a list names it. */
    public record VersionName(String title, int number) {
    }

    /** A published version as a choice names it: which policy, the version's id, title and number. */
    public record PublishedVersion(long policyId, long versionId, String title, int number) {
    }

    /**
     * The district's published versions, by policy title and newest first within a policy, in one query: their
     * clauses are not read (a form that offers them to choose from needs only their names).
     */
    public List<PublishedVersion> publishedVersions(long districtId) {
        return jdbc.sql("""
                        select p.id, v.id, v.title, v.number from policy_version v join policy p on p.id = v.policy_id
                         where p.district_id = ? and v.status = 'PUBLISHED' order by p.title, p.id, v.number desc""")
                .param(districtId)
                .query((rs, n) -> new PublishedVersion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** A published version's title and number, for a list that names it: its clauses are not read. */
    public Optional<VersionName> publishedName(long districtId, long versionId) {
        return jdbc.sql("""
                        select v.title, v.number from policy_version v join policy p on p.id = v.policy_id
                         where v.id = ? and p.district_id = ? and v.status = 'PUBLISHED'""")
                .params(versionId, districtId)
                .query((rs, n) -> new VersionName(rs.getString(1), rs.getInt(2))).optional();
    }

    /** A published version of one of the district's policies, laid out for reading. */
    public Optional<PolicyDocument> publishedDocument(long districtId, long versionId) {
        return publishedVersion(versionId)
                .flatMap(v -> policies.findByIdAndDistrictId(v.policyId(), districtId)
                        .map(p -> PolicyDocument.of(p, v)));
    }

    private Optional<PolicyVersion> publishedVersion(long versionId) {
        PolicyVersion known = published.getIfPresent(versionId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<PolicyVersion> read = versions.findById(versionId).filter(PolicyVersion::isPublished);
        read.ifPresent(version -> {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        published.put(versionId, version);
                    }
                });
            } else {
                published.put(versionId, version);
            }
        });
        return read;
    }

    /** Starts a district on Steward's model policy, as a draft the district reviews before publishing. */
    @Transactional
    public Policy adoptModel(long districtId) {
        return create(districtId, null, modelPolicyText(), Policy.Source.MODEL);
    }

    /** Imports a district's own policy text as a first draft. */
    @Transactional
    public Policy importText(long districtId, String title, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The policy text is empty.");
        }
        return create(districtId, title, text, Policy.Source.IMPORTED);
    }

    private Policy create(long districtId, String title, String text, Policy.Source source) {
        ParsedPolicy parsed = PolicyTextParser.parse(text);
        if (parsed.clauses().isEmpty()) {
            throw new IllegalArgumentException("No clauses were found in the text.");
        }
        String name = title == null || title.isBlank() ? parsed.title() : title.strip();
        boolean first = policies.findByDistrictIdAndAdoptedTrue(districtId).isEmpty();
        Policy policy = policies.save(new Policy(null, districtId, name, source, clock.instant(), first));
        versions.save(PolicyVersion.draft(policy.id(), 1, name, parsed.frontMatter(), parsed.clauses(),
                source == Policy.Source.MODEL ? "Steward model policy" : "Imported from text", clock.instant()));
        audit.record(districtId, "POLICY_CREATED", "policy", policy.id(),
                "%s, %d clauses".formatted(source, parsed.clauses().size()));
        return policy;
    }

    /** Makes a version final: it can never change again, and employees may be asked to sign it. */
    @Transactional
    public PolicyVersion publish(long districtId, long policyId, int number, String note) {
        PolicyVersion draft = version(districtId, policyId, number)
                .orElseThrow(() -> new IllegalArgumentException("No version " + number + " of this policy."));
        if (draft.isPublished()) {
            throw new IllegalStateException("Version " + number + " is already published.");
        }
        String sha256 = DigestUtils.sha256Hex(draft.canonicalText());
        String by = SecurityContextHolder.getContext().getAuthentication() == null ? "system"
                : SecurityContextHolder.getContext().getAuthentication().getName();
        versions.publish(draft.id(), sha256, clock.instant(), by, note == null ? draft.note() : note);
        audit.record(districtId, "POLICY_PUBLISHED", "policy_version", draft.id(),
                "policy %d version %d sha256 %s".formatted(policyId, number, sha256));
        return versions.findById(draft.id()).orElseThrow();
    }

    /** Opens the next version as a draft copied from the newest one; a policy has at most one draft. */
    @Transactional
    public PolicyVersion startDraft(long districtId, long policyId) {
        Summary summary = find(districtId, policyId).orElseThrow(() -> new IllegalArgumentException("No such policy."));
        if (summary.draft().isPresent()) {
            return summary.draft().get();
        }
        PolicyVersion latest = summary.versions().get(0);
        PolicyVersion draft = versions.save(PolicyVersion.draft(policyId, latest.number() + 1, latest.title(),
                latest.frontMatter(), latest.clauseList(), "", clock.instant()));
        audit.record(districtId, "POLICY_DRAFT_STARTED", "policy_version", draft.id(),
                "policy %d version %d".formatted(policyId, draft.number()));
        return draft;
    }

    /** Changes a clause of a draft; an empty text removes the clause and everything under it. */
    @Transactional
    public PolicyVersion editClause(long districtId, long policyId, int number, String key, String title,
                                    String text) {
        PolicyVersion draft = draft(districtId, policyId, number);
        List<Clause> clauses = new ArrayList<>(draft.clauseList());
        int index = indexOf(clauses, key);
        boolean remove = text == null || text.isBlank() && (title == null || title.isBlank());
        if (remove) {
            clauses.removeIf(c -> c.key().equals(key) || c.key().startsWith(key + "."));
        } else {
            clauses.set(index, clauses.get(index).withText(title == null ? "" : title.strip(), text.strip()));
        }
        PolicyVersion saved = versions.save(draft.withClauses(clauses));
        audit.record(districtId, remove ? "POLICY_CLAUSE_REMOVED" : "POLICY_CLAUSE_EDITED", "policy_version",
                draft.id(), "clause " + key);
        return saved;
    }

    /** Adds a clause to a draft right after another one, as its sibling, with the given key. */
    @Transactional
    public PolicyVersion addClause(long districtId, long policyId, int number, String afterKey, String newKey,
                                   String title, String text) {
        PolicyVersion draft = draft(districtId, policyId, number);
        List<Clause> clauses = new ArrayList<>(draft.clauseList());
        int index = indexOf(clauses, afterKey);
        Clause anchor = clauses.get(index);
        String key = newKey == null ? "" : newKey.strip();
        if (!key.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("A clause id has letters, digits, dots and dashes, like C.29.");
        }
        if (clauses.stream().anyMatch(c -> c.key().equals(key))) {
            throw new IllegalArgumentException("This version already has a clause " + key + ".");
        }
        int insertAt = index + 1;
        while (insertAt < clauses.size() && clauses.get(insertAt).key().startsWith(afterKey + ".")) {
            insertAt++;
        }
        String label = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) + "." : key + ".";
        clauses.add(insertAt, new Clause(key, anchor.parentKey(), anchor.kind(), label, title, text,
                Laws.referencedBy(title + "\n" + text)));
        PolicyVersion saved = versions.save(draft.withClauses(clauses));
        audit.record(districtId, "POLICY_CLAUSE_ADDED", "policy_version", draft.id(), "clause " + key);
        return saved;
    }

    public ClauseDiff diff(long districtId, long policyId, int from, int to) {
        PolicyVersion a = version(districtId, policyId, from)
                .orElseThrow(() -> new IllegalArgumentException("No version " + from + " of this policy."));
        PolicyVersion b = version(districtId, policyId, to)
                .orElseThrow(() -> new IllegalArgumentException("No version " + to + " of this policy."));
        return ClauseDiff.between(from, a.clauseList(), to, b.clauseList());
    }

    private PolicyVersion draft(long districtId, long policyId, int number) {
        PolicyVersion version = version(districtId, policyId, number)
                .orElseThrow(() -> new IllegalArgumentException("No version " + number + " of this policy."));
        if (version.isPublished()) {
            throw new IllegalStateException("Version " + number + " is published and cannot be changed; "
                    + "start a new draft instead.");
        }
        return version;
    }

    private static int indexOf(List<Clause> clauses, String key) {
        for (int i = 0; i < clauses.size(); i++) {
            if (clauses.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No clause " + key + " in this version.");
    }

}
