// UNVISITED_CONTACT
// Instructor assignments (GUIDES) whose target the instructor has not VISITED within
// $visit_window_days days up to the as-of date ($as_of): a visit counts when it names the same
// instructor and the same target (a visit to a unit inside an assigned building does not count for
// the building). One row per instructor and target (a contact), ordered by kind and id like the
// in-memory contacts; liaisons are not checked. Not run when the
// ledger kept no visits table.
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE 'visits' IN l.tables
MATCH (i:Instructor)-[g:GUIDES]->(t:Unit|PartyOrg|Carrier)
WHERE NOT EXISTS {
  MATCH (i)-[v:VISITED]->(t)
  WHERE $as_of - duration({days: $visit_window_days}) < v.date <= $as_of
}
WITH i, t,
     COLLECT { MATCH (i)-[v:VISITED]->(t) WHERE v.date <= $as_of RETURN v.date ORDER BY v.date DESC LIMIT 1 } AS last,
     COLLECT { MATCH (i)-[:SENT_BY]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
WITH i, t, s, last[0] AS last, [l IN labels(t) WHERE l IN ['Unit', 'PartyOrg', 'Carrier']][0] AS target_kind
RETURN 'Instructor' AS subject_kind,
       i.id AS subject_id,
       i.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       CASE WHEN last IS NULL THEN 'UNVISITED_CONTACT:never' ELSE 'UNVISITED_CONTACT' END AS detail_key,
       target_kind,
       t.id AS target_id,
       coalesce(t.name, t.id) AS target,
       toString(last) AS last,
       $visit_window_days AS days
ORDER BY subject_id, target_kind, target_id
