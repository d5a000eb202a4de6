-- Of a district's policies, one is the one it adopted: the policy its decisions cite (issue 16). The others (the
-- real policies of other districts, say) are there to read and compare. Before, the district's first policy, its
-- model policy if it has one.
alter table policy add column adopted boolean not null default false;
update policy p set adopted = true
 where p.id = (select q.id from policy q where q.district_id = p.district_id
                order by (q.source = 'MODEL') desc, q.created_at, q.id limit 1);
create unique index policy_one_adopted on policy (district_id) where adopted;
