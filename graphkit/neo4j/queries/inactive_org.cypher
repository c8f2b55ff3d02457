// INACTIVE_ORG
// Party organisations with no activity (组织生活) within $activity_window_days days up to the as-of
// date ($as_of): a date counts when as_of - window < date <= as_of. last: the latest activity on or
// before the as-of date, if any. Not run when the ledger kept no activities table.
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE 'activities' IN l.tables
MATCH (p:PartyOrg)
WHERE NOT EXISTS {
  MATCH (a:Activity)-[:HELD_BY]->(p)
  WHERE $as_of - duration({days: $activity_window_days}) < a.date <= $as_of
}
WITH p, COLLECT { MATCH (a:Activity)-[:HELD_BY]->(p) WHERE a.date <= $as_of RETURN a.date ORDER BY a.date DESC LIMIT 1 } AS extra
WITH p, extra,
     COLLECT { MATCH (p)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }
     + COLLECT {
         MATCH (p)-[:BASED_AT]->(base:Carrier) WITH base ORDER BY base.id LIMIT 1
         MATCH (base)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1
       }
     + COLLECT {
         MATCH (p)<-[:COVERED_BY]-(member:Unit) WITH member ORDER BY member.id LIMIT 1
         MATCH (member)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1
       }
     AS streets
RETURN 'PartyOrg' AS subject_kind,
       p.id AS subject_id,
       p.name AS subject_name,
       coalesce(streets[0].name, streets[0].id) AS street,
       CASE WHEN extra[0] IS NULL THEN 'INACTIVE_ORG:never' ELSE 'INACTIVE_ORG' END AS detail_key,
       toString(extra[0]) AS last,
       $activity_window_days AS days
ORDER BY subject_id
