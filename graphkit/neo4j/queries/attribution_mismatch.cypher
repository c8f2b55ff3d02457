// ATTRIBUTION_MISMATCH
// 谁管理、谁组建: party organisations covering social organisations, attributed to a department
// (or street) other than where those units belong. Attribution: up the REPORTS_TO chain (the
// parent with the smallest id where an organisation names several; at most 16 steps past the
// first) to the first department or street. Where a unit belongs: its supervising
// department(s); with none, its street. One row per organisation, naming the first mismatched
// unit.
MATCH (p:PartyOrg)
WITH p,
     reduce(
       up = COLLECT { MATCH (p)-[:REPORTS_TO]->(parent) RETURN parent ORDER BY parent.id LIMIT 1 }[0],
       step IN range(1, 16) |
       CASE
         WHEN up:PartyOrg
           THEN COLLECT { MATCH (up)-[:REPORTS_TO]->(parent) RETURN parent ORDER BY parent.id LIMIT 1 }[0]
         ELSE up
       END
     ) AS a
WHERE a:Department OR a:Street
MATCH (u:Unit {kind: 'social_org'})-[:COVERED_BY]->(p)
WITH DISTINCT p, a, u
WITH p, a, u,
     COLLECT { MATCH (u)-[:SUPERVISED_BY]->(d:Department) RETURN d ORDER BY d.id } AS depts,
     COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 } AS streets
WHERE (size(depts) > 0 AND a:Department AND NOT a IN depts)
   OR (size(depts) = 0 AND (a:Department OR a.id <> streets[0].id))
WITH p, a, u, coalesce(depts[0], streets[0]) AS expected
ORDER BY u.id
WITH p, a, collect([u, expected])[0] AS first
WITH p, a, first[0] AS u, first[1] AS expected,
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
       'ATTRIBUTION_MISMATCH' AS detail_key,
       coalesce(a.name, a.id) AS parent,
       coalesce(u.name, u.id) AS unit,
       coalesce(expected.name, expected.id) AS expected
ORDER BY subject_id
