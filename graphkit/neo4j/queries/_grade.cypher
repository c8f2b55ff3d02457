// The seven criteria of 分类定级 and the grade of party organisation p (with l, the :Ledger node
// or null, in scope). Each criterion is true (pass), false (fail) or null when the table or column
// it needs was not kept (the names are those of grades.csv); the grade is null unless every record
// the grades need was kept (positions, activities, trainings, honours, the secretary column).
CALL (p, l) {
  WITH p, coalesce(l.tables, []) AS tables, coalesce(l.columns, []) AS columns,
       COLLECT {
         MATCH (u:Unit)-[:COVERED_BY]->(p)
         WITH DISTINCT u
         WHERE u.party_members IS NOT NULL
         RETURN u.party_members
       } AS counts
  WITH p, tables, columns,
       coalesce(p.members, CASE WHEN size(counts) > 0 THEN reduce(n = 0, c IN counts | n + c) END) AS members
  WITH p, tables, {
    position_ok: CASE WHEN 'positions' IN tables THEN EXISTS {
        MATCH (s:Position)
        WHERE (EXISTS { (s)-[:HOSTED_BY|USED_BY]->(p) } OR EXISTS { (s)-[:HOSTED_BY]->(:Carrier)<-[:BASED_AT]-(p) })
          AND all(item IN ['has_site', 'has_facilities', 'has_sign', 'has_flag', 'has_reading', 'has_rules']
                  WHERE coalesce(s[item], false))
      } END,
    active: CASE WHEN 'activities' IN tables THEN EXISTS {
        MATCH (a:Activity)-[:HELD_BY]->(p)
        WHERE $as_of - duration({days: $activity_window_days}) < a.date <= $as_of
      } END,
    secretary_trained: CASE WHEN 'trainings' IN tables AND 'PartyOrg.secretary' IN columns THEN
      trim(replace(replace(replace(replace(coalesce(p.secretary, ''), '\u00A0', ' '), '\u2007', ' '), '\u202F', ' '), '\u0085', ' ')) <> ''
      AND EXISTS {
        MATCH (t:Training {person: p.secretary})
        WHERE $as_of - duration({days: $training_window_days}) < t.date <= $as_of
          AND (EXISTS { (t)-[:FOR_ORG]->(p) } OR NOT EXISTS { (t)-[:FOR_ORG]->() })
      } END,
    term_ok: NOT coalesce(p.term_ends < $as_of, false),
    instructor_reached: EXISTS { (p)<-[:GUIDES]-(:Instructor) }
      OR EXISTS { (p)-[:BASED_AT]->(:Carrier)<-[:GUIDES]-(:Instructor) }
      OR EXISTS {
        MATCH (p)<-[:COVERED_BY]-(u:Unit)
        WHERE EXISTS { (u)<-[:GUIDES]-(:Instructor) }
           OR EXISTS { (u)-[:COVERED_BY]->(:PartyOrg)<-[:GUIDES]-(:Instructor) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
      },
    paired: EXISTS { (p)<-[:PAIRED_WITH]-(:OrganBranch) },
    level_ok: NOT coalesce(CASE p.level
        WHEN 'branch' THEN members > $branch_max_members
        WHEN 'general_branch' THEN members < $general_branch_min_members
        WHEN 'committee' THEN members < $committee_min_members
      END, false)
  } AS criteria
  WITH p, criteria,
       [k IN ['position_ok', 'active', 'secretary_trained', 'term_ok', 'instructor_reached', 'paired', 'level_ok']
        WHERE criteria[k] = false] AS failed,
       any(k IN keys(criteria) WHERE criteria[k] IS NULL) OR NOT 'honours' IN tables AS incomplete
  RETURN criteria, failed,
         CASE
           WHEN incomplete THEN null
           WHEN size(failed) = 0
                AND (p.demo_level IN ['district', 'street']
                     OR EXISTS {
                       (h:Honour)-[:AWARDED_TO]->(p)
                       WHERE coalesce(h.status, 'valid') = 'valid' AND coalesce(h.date <= $as_of, true)
                     })
             THEN 'advanced'
           WHEN size(failed) = 0 THEN 'good'
           WHEN size(failed) <= $grade_fair_max_fails THEN 'fair'
           ELSE 'lagging'
         END AS grade
}
