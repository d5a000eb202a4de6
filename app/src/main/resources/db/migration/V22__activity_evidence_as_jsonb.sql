-- Evidence lines, bad-line reasons and bad-line samples as jsonb instead of lines of tab-separated text, so a line
-- keeps its tabs and newlines. The old text is read as the application read it: lines split as Java's
-- String.lines() splits them, and a line that does not hold its fields is left out, as it was never shown.
-- (An alter ... type rewrites the rows without firing the triggers that keep findings and addenda as they were.)

-- source<TAB>line<TAB>text, one a line: [{"source": .., "line": .., "text": ..}, ..] in the same order
create function activity_evidence_as_jsonb(kept text) returns jsonb language sql immutable as $$
    select coalesce(jsonb_agg(jsonb_build_object('source', m[1], 'line', m[2]::bigint, 'text', m[3]) order by i),
                    '[]')
      from regexp_split_to_table(kept, '\r\n|\r|\n') with ordinality as t(l, i)
           cross join lateral regexp_match(l, '^([^\t]*)\t(-?[0-9]+)\t(.*)$') as r(m)
     where m is not null
$$;

-- line<TAB>reason<TAB>text, one a line: [{"line": .., "reason": .., "text": ..}, ..] in the same order
create function activity_bad_samples_as_jsonb(kept text) returns jsonb language sql immutable as $$
    select coalesce(jsonb_agg(jsonb_build_object('line', m[1]::bigint, 'reason', m[2], 'text', m[3]) order by i),
                    '[]')
      from regexp_split_to_table(kept, '\r\n|\r|\n') with ordinality as t(l, i)
           cross join lateral regexp_match(l, '^(-?[0-9]+)\t([^\t]*)\t(.*)$') as r(m)
     where m is not null
$$;

-- kind=count, one a line (the kind before the last '='): {"kind": count, ..}
create function activity_bad_reasons_as_jsonb(kept text) returns jsonb language sql immutable as $$
    select coalesce(jsonb_object_agg(m[1], m[2]::bigint), '{}')
      from regexp_split_to_table(kept, '\r\n|\r|\n') as t(l)
           cross join lateral regexp_match(l, '^(.*)=(-?[0-9]+)$') as r(m)
     where m is not null
$$;

alter table activity_run
    alter column bad_reasons drop default,
    alter column bad_reasons type jsonb using activity_bad_reasons_as_jsonb(bad_reasons),
    alter column bad_reasons set default '{}',
    alter column bad_samples drop default,
    alter column bad_samples type jsonb using activity_bad_samples_as_jsonb(bad_samples),
    alter column bad_samples set default '[]';
alter table activity_window alter column evidence type jsonb using activity_evidence_as_jsonb(evidence);
alter table activity_finding alter column evidence type jsonb using activity_evidence_as_jsonb(evidence);
alter table activity_finding_addendum alter column evidence type jsonb using activity_evidence_as_jsonb(evidence);

comment on column activity_run.bad_reasons is 'bad lines by the kind of their reason: {"kind": count}';
comment on column activity_run.bad_samples is 'the first bad lines: [{"line": 5, "reason": "..", "text": ".."}]';
comment on column activity_window.evidence is 'the first lines: [{"source": "access.log", "line": 5, "text": ".."}]';
comment on column activity_finding.evidence is 'the first lines of its window, as activity_window.evidence';
comment on column activity_finding_addendum.evidence is 'the window''s first lines after this run';

drop function activity_evidence_as_jsonb(text);
drop function activity_bad_samples_as_jsonb(text);
drop function activity_bad_reasons_as_jsonb(text);
