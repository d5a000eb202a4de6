package org.steward.staff;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.districts.DistrictTime;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.districts.Site;
import org.steward.districts.Sites;
import org.steward.holds.HeldKind;
import org.steward.holds.RecordHolds;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/** The district's roster: imports, search, profiles and separations. */
@Service
public class StaffDirectory {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** A row of the directory: enough to find a person and open their profile. */
    public record Listing(long id, String employeeId, String firstName, String lastName, String email,
                          String siteName, String jobFunction, StaffStatus status, String supervisorName) {

        public String fullName() {
            return firstName + " " + lastName;
        }
    }

    private final DistrictTime time;
    private final Roster roster;
    private final Sites sites;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final RecordHolds holds;

    StaffDirectory(Roster roster, Sites sites, JdbcClient jdbc, AuditLog audit,
                   ApplicationEventPublisher events, Clock clock, DistrictTime time, RecordHolds holds) {
        this.holds = holds;
        this.time = time;
        this.roster = roster;
        this.sites = sites;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Optional<StaffMember> find(long districtId, long staffId) {
        return roster.findByIdAndDistrictId(staffId, districtId);
    }

    /** Everyone the district's roster has had, separated or not. */
    public List<StaffMember> everyone(long districtId) {
        return roster.findByDistrictId(districtId);
    }

    /** Whoever the district's roster gives this e-mail address, in any case: separated or not, one or (by mistake) several. */
    public List<StaffMember> withEmail(long districtId, String email) {
        return roster.findByDistrictIdAndEmailIgnoringCase(districtId, email.strip());
    }

    /** The district's active staff. */
    public List<StaffMember> active(long districtId) {
        return roster.findByDistrictId(districtId).stream().filter(StaffMember::isActive).toList();
    }

    public List<StaffMember> reportsOf(long districtId, long supervisorId) {
        return roster.findBySupervisorIdAndDistrictIdOrderByLastName(supervisorId, districtId);
    }

    public List<Listing> search(long districtId, String name, Long siteId, String jobFunction, int limit) {
        return search(districtId, name, siteId, jobFunction, null, limit);
    }

    /** The directory's people matching the filters; only a supervisor's own staff when {@code reportsOf} is given. */
    public List<Listing> search(long districtId, String name, Long siteId, String jobFunction, Long reportsOf,
                                int limit) {
        return rows(districtId, new Filter(name, siteId, jobFunction, reportsOf), COLUMNS.first(limit), limit);
    }

    /** What the directory is asked for; blank or null means any. {@code reportsOf} keeps a supervisor's own staff. */
    public record Filter(String name, Long siteId, String jobFunction, Long reportsOf) {
    }

    /** The columns the directory may be sorted by: by name first, as a roster is read. */
    public static final SortColumns COLUMNS = SortColumns.of("staff directory", "s.id")
            .by("name", "lower(s.last_name)", "lower(s.first_name)")
            .by("employee", "s.employee_id")
            .by("site", "site.name")
            .by("job", "s.job_function")
            .by("supervisor", "lower(boss.last_name)", "lower(boss.first_name)")
            .by("status", "s.status");

    private static final String FROM = """
            from staff s left join site on site.id = s.site_id left join staff boss on boss.id = s.supervisor_id
            where s.district_id = :district
              and (:name = '' or lower(s.first_name || ' ' || s.last_name) like :name
                   or lower(s.employee_id) like :name or lower(coalesce(s.email, '')) like :name)
              and (cast(:site as bigint) is null or s.site_id = :site)
              and (:job = '' or s.job_function = :job)
              and (cast(:boss as bigint) is null or s.supervisor_id = :boss)
            """;

    /** A page of the directory, in the order asked for, with how many people match: one count and one query. */
    public Paged<Listing> page(long districtId, Filter filter, Paging paging) {
        return Paged.of(paging, () -> statement("select count(*) " + FROM, districtId, filter).query(Long.class)
                .single(), page -> rows(districtId, filter, page, page.limit()));
    }

    private List<Listing> rows(long districtId, Filter filter, Paging paging, int limit) {
        return statement("""
                select s.id, s.employee_id, s.first_name, s.last_name, s.email,
                       coalesce(site.name, '') as site_name, s.job_function, s.status,
                       coalesce(boss.first_name || ' ' || boss.last_name, '') as supervisor_name
                """ + FROM + paging.orderBy() + " offset :offset limit :limit", districtId, filter)
                .param("offset", paging.offset()).param("limit", limit).query(Listing.class).list();
    }

    private JdbcClient.StatementSpec statement(String sql, long districtId, Filter filter) {
        String pattern = filter.name() == null || filter.name().isBlank() ? "" : Like.containing(filter.name());
        return jdbc.sql(sql).param("district", districtId).param("name", pattern).param("site", filter.siteId())
                .param("boss", filter.reportsOf())
                .param("job", filter.jobFunction() == null ? "" : filter.jobFunction());
    }

    /** How many people a supervisor's directory holds. */
    public long countReportsOf(long districtId, long supervisorId) {
        return jdbc.sql("select count(*) from staff where district_id = ? and supervisor_id = ?")
                .params(districtId, supervisorId).query(Long.class).single();
    }

    public long count(long districtId) {
        return jdbc.sql("select count(*) from staff where district_id = ?").param(districtId).query(Long.class).single();
    }

    public List<String> jobFunctions(long districtId) {
        return jdbc.sql("select distinct job_function from staff where district_id = ? order by 1")
                .param(districtId).query(String.class).list();
    }

    /** Ends an employee's employment and tells the other modules, which disable access and collect equipment. */
    @Transactional
    public StaffMember separate(long districtId, long staffId, LocalDate on, String reason) {
        StaffMember member = roster.findByIdAndDistrictId(staffId, districtId)
                .orElseThrow(() -> new IllegalArgumentException("No such employee in this district."));
        StaffMember separated = roster.save(member.separate(on));
        audit.record(districtId, "STAFF_SEPARATED", "staff", staffId, reason, "separated on " + on);
        events.publishEvent(new StaffSeparated(districtId, staffId, member.employeeId(), on));
        return separated;
    }

    /** Reads, checks and applies a roster import, all or nothing. */
    @Transactional
    public ImportReport importRoster(long districtId, List<RosterUpload> uploads, String fileName,
                                     String sha256) {
        RosterFiles.Reading reading = RosterFiles.read(uploads);
        if (reading.rows().isEmpty()) {
            return ImportReport.refused(reading.format(), 0, !reading.problems().isEmpty() ? reading.problems()
                    : List.of(new ImportProblem(fileName, 0, "no staff in the file" + (reading.skipped() > 0
                    ? " (" + reading.skipped() + " students, parents or guardians were left out)" : ""))));
        }
        // a Steward CSV may name a site by its code or by its name, as people write it
        Map<String, Site> siteByCode = new HashMap<>();
        sites.findByDistrictIdOrderByName(districtId).forEach(s -> siteByCode.putIfAbsent(s.name().toLowerCase(), s));
        sites.findByDistrictIdOrderByName(districtId).forEach(s -> siteByCode.put(s.code().toLowerCase(), s));
        Map<String, StaffMember> existing = new HashMap<>();
        roster.findByDistrictId(districtId).forEach(s -> existing.put(s.employeeId(), s));

        List<ImportProblem> problems = new ArrayList<>(reading.problems());
        problems.addAll(check(reading, siteByCode, existing));
        problems.addAll(held(districtId, reading, existing));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(ImportProblem::file).thenComparingLong(ImportProblem::line));
            return ImportReport.refused(reading.format(), reading.rows().size(), problems);
        }

        // OneRoster brings its own sites (orgs); a Steward CSV names sites the district already has.
        for (RosterRow row : reading.rows()) {
            if (row.siteName() != null && !siteByCode.containsKey(row.siteCode().toLowerCase())) {
                siteByCode.put(row.siteCode().toLowerCase(),
                        sites.save(Site.of(districtId, row.siteCode(), row.siteName())));
            }
        }
        int created = 0, updated = 0, unchanged = 0, separatedCount = 0;
        Map<String, Long> idByEmployee = new HashMap<>();
        existing.forEach((employeeId, member) -> idByEmployee.put(employeeId, member.id()));
        List<StaffSeparated> separations = new ArrayList<>();
        List<StaffJoined> joined = new ArrayList<>();
        // First every person, then the supervisor links, so that a supervisor may come later in the file.
        Map<RosterRow, StaffMember> saved = new LinkedHashMap<>();
        for (RosterRow row : reading.rows()) {
            StaffMember before = existing.get(row.employeeId());
            Long supervisorId = before == null ? null : before.supervisorId();
            StaffMember candidate = toMember(districtId, row, siteByCode, supervisorId, reading.format(), before);
            StaffMember after = before == null ? roster.save(candidate) : candidate.withId(before.id());
            idByEmployee.put(row.employeeId(), after.id());
            saved.put(row, after);
        }
        for (var entry : saved.entrySet()) {
            RosterRow row = entry.getKey();
            StaffMember member = entry.getValue();
            Long supervisorId = row.supervisorEmployeeId().isEmpty()
                    ? ("oneroster".equals(reading.format()) ? member.supervisorId() : null)
                    : idByEmployee.get(row.supervisorEmployeeId());
            StaffMember linked = new StaffMember(member.id(), districtId, member.employeeId(), member.firstName(),
                    member.lastName(), member.email(), member.siteId(), member.jobFunction(), supervisorId,
                    member.hireDate(), member.status(), member.separatedOn(), member.source());
            StaffMember before = existing.get(row.employeeId());
            if (before == null) {
                roster.save(linked);
                created++;
                if (linked.isActive()) {
                    joined.add(new StaffJoined(districtId, linked.id(), linked.hireDate()));
                }
            } else if (before.sameAs(linked)) {
                unchanged++;
            } else {
                roster.save(linked);
                updated++;
                if (before.isActive() && !linked.isActive()) {
                    separatedCount++;
                    separations.add(new StaffSeparated(districtId, linked.id(), linked.employeeId(),
                            linked.separatedOn()));
                }
            }
        }
        jdbc.sql("""
                insert into staff_import (district_id, file_name, format, sha256, rows_read, created, updated,
                                          unchanged, imported_by, imported_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(districtId, fileName, reading.format(), sha256, reading.rows().size(), created, updated,
                        unchanged, currentUsername(), Timestamp.from(clock.instant()))
                .update();
        audit.record(districtId, "STAFF_IMPORTED", "staff_import", fileName,
                "%s: %d rows, %d created, %d updated, %d unchanged, sha256 %s".formatted(reading.format(),
                        reading.rows().size(), created, updated, unchanged, sha256));
        separations.forEach(events::publishEvent);
        joined.forEach(events::publishEvent);
        return new ImportReport(reading.format(), reading.rows().size(), created, updated, unchanged, separatedCount,
                reading.skipped(), List.of());
    }

    private static String currentUsername() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }

    /**
     * The rows that would rewrite a staff member an open case keeps (their name, e-mail, job or hire date): the import
     * is refused, naming the case. A separation still goes through: it ends employment and deletes nothing.
     */
    private List<ImportProblem> held(long districtId, RosterFiles.Reading reading, Map<String, StaffMember> existing) {
        Map<Long, RosterRow> changing = new LinkedHashMap<>();
        for (RosterRow row : reading.rows()) {
            StaffMember before = existing.get(row.employeeId());
            if (before != null && !(Objects.equals(before.firstName(), row.firstName())
                    && Objects.equals(before.lastName(), row.lastName())
                    && Objects.equals(before.email(), row.email().isEmpty() ? null : row.email())
                    && Objects.equals(before.jobFunction(), row.jobFunction())
                    && (row.hireDate() == null || row.hireDate().equals(before.hireDate())))) {
                changing.put(before.id(), row);
            }
        }
        List<ImportProblem> problems = new ArrayList<>();
        holds.heldAmong(HeldKind.STAFF, districtId, changing.keySet()).forEach((staffId, hold) -> {
            RosterRow row = changing.get(staffId);
            problems.add(new ImportProblem(row.file(), row.line(), "employee " + row.employeeId() + " is "
                    + hold.reason() + ": their name, e-mail, job and hire date stay as they are until it is closed"));
        });
        return problems;
    }

    private StaffMember toMember(long districtId, RosterRow row, Map<String, Site> siteByCode, Long supervisorId,
                                 String format, StaffMember before) {
        Site site = row.siteCode().isEmpty() ? null : siteByCode.get(row.siteCode().toLowerCase());
        LocalDate separatedOn = row.status() == StaffStatus.SEPARATED
                ? (before != null && before.separatedOn() != null ? before.separatedOn()
                : time.today(districtId))
                : null;
        return new StaffMember(null, districtId, row.employeeId(), row.firstName(), row.lastName(),
                row.email().isEmpty() ? null : row.email(), site == null ? null : site.id(), row.jobFunction(),
                supervisorId, row.hireDate() != null ? row.hireDate() : before == null ? null : before.hireDate(),
                row.status(), separatedOn, format);
    }

    private static List<ImportProblem> check(RosterFiles.Reading reading, Map<String, Site> siteByCode,
                                             Map<String, StaffMember> existing) {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, RosterRow> byEmployee = new HashMap<>();
        for (RosterRow row : reading.rows()) {
            List<String> missing = new ArrayList<>();
            if (row.employeeId().isEmpty()) missing.add("employee id");
            if (row.firstName().isEmpty()) missing.add("first name");
            if (row.lastName().isEmpty()) missing.add("last name");
            if (row.jobFunction().isEmpty()) missing.add("job function");
            if (row.siteCode().isEmpty() && "steward".equals(reading.format())) missing.add("site");
            if (!missing.isEmpty()) {
                problems.add(new ImportProblem(row.file(), row.line(), "missing " + String.join(", ", missing)));
            }
            RosterRow earlier = row.employeeId().isEmpty() ? null : byEmployee.putIfAbsent(row.employeeId(), row);
            if (earlier != null) {
                problems.add(new ImportProblem(row.file(), row.line(),
                        "duplicate employee id " + row.employeeId() + " (also on line " + earlier.line() + ")"));
            }
            if (!row.email().isEmpty() && !EMAIL.matcher(row.email()).matches()) {
                problems.add(new ImportProblem(row.file(), row.line(), "bad email '" + row.email() + "'"));
            }
            if (row.siteName() == null && !row.siteCode().isEmpty()
                    && !siteByCode.containsKey(row.siteCode().toLowerCase())) {
                problems.add(new ImportProblem(row.file(), row.line(), "unknown site '" + row.siteCode()
                        + "'; the district's sites are " + String.join(", ", siteByCode.values().stream()
                        .distinct().sorted(Comparator.comparing(Site::code))
                        .map(site -> site.code() + " (" + site.name() + ")").toList())));
            }
        }
        for (RosterRow row : reading.rows()) {
            String boss = row.supervisorEmployeeId();
            if (!boss.isEmpty() && !byEmployee.containsKey(boss) && !existing.containsKey(boss)) {
                problems.add(new ImportProblem(row.file(), row.line(), "unknown supervisor " + boss));
            }
        }
        problems.addAll(cycles(reading.rows(), existing));
        return problems;
    }

    /** Reports each supervisor cycle once, at the first row that is part of it. */
    private static List<ImportProblem> cycles(List<RosterRow> rows, Map<String, StaffMember> existing) {
        Map<String, String> bossOf = new HashMap<>();
        Map<Long, String> employeeById = new HashMap<>();
        existing.values().forEach(s -> employeeById.put(s.id(), s.employeeId()));
        existing.values().forEach(s -> {
            if (s.supervisorId() != null && employeeById.containsKey(s.supervisorId())) {
                bossOf.put(s.employeeId(), employeeById.get(s.supervisorId()));
            }
        });
        rows.forEach(r -> {
            if (r.supervisorEmployeeId().isEmpty()) {
                bossOf.remove(r.employeeId());
            } else {
                bossOf.put(r.employeeId(), r.supervisorEmployeeId());
            }
        });
        List<ImportProblem> problems = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (RosterRow row : rows) {
            List<String> path = new ArrayList<>();
            String current = row.employeeId();
            while (current != null && !path.contains(current)) {
                path.add(current);
                current = bossOf.get(current);
            }
            if (current != null && current.equals(row.employeeId()) && !reported.contains(current)) {
                path.add(current);
                reported.addAll(path);
                problems.add(new ImportProblem(row.file(), row.line(),
                        "supervisor cycle: " + String.join(" → ", path)));
            }
        }
        return problems;
    }
}
