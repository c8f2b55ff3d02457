// UNCOVERED
// Units with neither organisational nor work coverage (无覆盖单位).
MATCH (u:Unit)
WHERE NOT EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) }
  AND NOT EXISTS { (u)<-[:GUIDES]-(:Instructor) }
  AND NOT EXISTS { (u)<-[:LIAISES]-(:Liaison) }
  AND NOT EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
  AND NOT EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:LIAISES]-(:Liaison) }
  AND NOT EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:BASED_AT]-(:PartyOrg) }
WITH u, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'UNCOVERED' AS detail_key
ORDER BY street, subject_id
