package org.steward.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.accounts.StewardUser;
import org.steward.database.Like;

/**
 * Finding a person wherever one is chosen (a hand-over, the internet use report): by part of their name, their
 * employee id or their e-mail address, among the people of the signer's district whom the signer may see.
 */
@Service
public class PersonSearch {

    /** Suggestions shown as one types: enough to tell people apart without scrolling on a phone. */
    public static final int SUGGESTIONS = 8;

    /** The most words of a search that are matched; a longer text is no better a search. */
    private static final int WORDS = 4;

    private static final DataClassRowMapper<StaffDirectory.Listing> LISTING =
            new DataClassRowMapper<>(StaffDirectory.Listing.class);

    /** What a typed text finds. */
    public sealed interface Found {
        /** The one person the text names exactly: their employee id, e-mail address or full name. */
        record Person(StaffDirectory.Listing person) implements Found {
        }

        /** The people the text could mean, for the person choosing to pick from; none when nobody matches. */
        record Candidates(List<StaffDirectory.Listing> people) implements Found {
        }
    }

    private record Match(StaffDirectory.Listing person, boolean exact) {
    }

    private final JdbcClient jdbc;

    PersonSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The people a text may mean, exact matches first; nobody for a blank text. */
    public List<StaffDirectory.Listing> suggestions(StewardUser me, String typed, boolean activeOnly, int limit) {
        return matches(me, typed, activeOnly, limit).stream().map(Match::person).toList();
    }

    /**
     * The person a text names exactly ({@code E1010}, {@code ana.lopez@district.org}, "Ana Lopez", "Lopez, Ana"),
     * when exactly one person has that name; otherwise the people it could mean, to choose from. A part of a name
     * never chooses by itself, even when one person matches: choosing the wrong person is worse than a click.
     */
    public Found find(StewardUser me, String typed, boolean activeOnly) {
        List<Match> matches = matches(me, typed, activeOnly, SUGGESTIONS);
        List<Match> exact = matches.stream().filter(Match::exact).toList();
        return exact.size() == 1 ? new Found.Person(exact.get(0).person())
                : new Found.Candidates(matches.stream().map(Match::person).toList());
    }

    /** A person chosen from the suggestions, if the signer may choose them. */
    public Optional<StaffDirectory.Listing> chosen(StewardUser me, long staffId, boolean activeOnly) {
        StaffScope scope = StaffScope.of(me);
        return jdbc.sql(SELECT + """
                         where s.district_id = ? and s.id = ? and (cast(? as bigint) is null or s.supervisor_id = ?)
                           and (? = false or s.status = 'ACTIVE')""")
                .params(me.districtId(), staffId, scope.reportsOf(), scope.reportsOf(), activeOnly)
                .query(LISTING).optional();
    }

    /** "Ana Lopez (E1010)" for each id of the district's people, for pages that were given ids. */
    public Map<Long, String> labels(long districtId, Collection<Long> staffIds) {
        if (staffIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> labels = new LinkedHashMap<>();
        jdbc.sql("select id, first_name || ' ' || last_name || ' (' || employee_id || ')' from staff "
                        + "where district_id = ? and id = any(?)")
                .params(districtId, staffIds.toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(label -> labels.put(label.getKey(), label.getValue()));
        return labels;
    }

    private static final String SELECT = """
            select s.id, s.employee_id, s.first_name, s.last_name, s.email, coalesce(site.name, '') as site_name,
                   s.job_function, s.status, coalesce(boss.first_name || ' ' || boss.last_name, '') as supervisor_name
              from staff s left join site on site.id = s.site_id left join staff boss on boss.id = s.supervisor_id
            """;

    private List<Match> matches(StewardUser me, String typed, boolean activeOnly, int limit) {
        String text = typed == null ? "" : typed.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        List<String> words = Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).limit(WORDS).toList();
        if (words.isEmpty()) {
            return List.of();
        }
        StaffScope scope = StaffScope.of(me);
        List<Object> params = new ArrayList<>(Arrays.asList(text, text, text, text, text,
                me.districtId(), scope.reportsOf(), scope.reportsOf(), activeOnly));
        StringBuilder where = new StringBuilder();
        for (String word : words) {
            where.append(" and lower(s.first_name || ' ' || s.last_name || ' ' || s.employee_id || ' ' ")
                    .append("|| coalesce(s.email, '')) like ?");
            params.add(Like.containing(word));
        }
        params.add(limit);
        return jdbc.sql("""
                        select * from (
                          select m.*, (lower(m.employee_id) = ? or lower(coalesce(m.email, '')) = ?
                                       or split_part(lower(coalesce(m.email, '')), '@', 1) = ?
                                       or lower(m.last_name || ', ' || m.first_name) = ?
                                       or lower(m.first_name || ' ' || m.last_name) = ?) as exact
                            from (""" + SELECT + """
                                 where s.district_id = ? and (cast(? as bigint) is null or s.supervisor_id = ?)
                                   and (? = false or s.status = 'ACTIVE')""" + where + """
                            ) m) found
                         order by exact desc, last_name, first_name, employee_id limit ?""")
                .params(params)
                .query(PersonSearch::match).list();
    }

    private static Match match(ResultSet rs, int row) throws SQLException {
        return new Match(LISTING.mapRow(rs, row), rs.getBoolean("exact"));
    }
}
