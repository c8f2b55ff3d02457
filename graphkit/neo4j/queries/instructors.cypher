// instructors
// One row per instructor (党建指导员): reach = distinct units reached (assigned directly, covered
// by a guided party organisation, or located in a guided carrier); contacts = assignment rows.
MATCH (i:Instructor)
WITH i,
     COLLECT { MATCH (i)-[:SENT_BY]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 } AS streets,
     COUNT {
       MATCH (i)-[:GUIDES]->(u:Unit) RETURN u
       UNION
       MATCH (i)-[:GUIDES]->(:PartyOrg)<-[:COVERED_BY]-(u:Unit) RETURN u
       UNION
       MATCH (i)-[:GUIDES]->(:Carrier)<-[:LOCATED_IN]-(u:Unit) RETURN u
     } AS reach,
     COLLECT { MATCH (i)-[g:GUIDES]->(:Unit|PartyOrg|Carrier) RETURN coalesce(g.rows, 1) } AS rows
WITH i, streets[0] AS s, reach, reduce(n = 0, r IN rows | n + r) AS contacts
RETURN i.id AS instructor_id,
       i.name AS name,
       reach,
       contacts,
       reach > $max_units_per_instructor AS overloaded,
       coalesce(s.name, s.id) AS street
ORDER BY instructor_id
