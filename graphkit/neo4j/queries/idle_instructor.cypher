// IDLE_INSTRUCTOR
// Instructors with no assignment (no GUIDES relationship to a unit, organisation or carrier).
MATCH (i:Instructor)
WHERE NOT EXISTS { (i)-[:GUIDES]->(:Unit|PartyOrg|Carrier) }
WITH i, COLLECT { MATCH (i)-[:SENT_BY]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Instructor' AS subject_kind,
       i.id AS subject_id,
       i.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'IDLE_INSTRUCTOR' AS detail_key
ORDER BY street, subject_id
