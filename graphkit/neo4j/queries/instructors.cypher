// instructors
// One row per instructor (党建指导员): reach = distinct units reached (assigned directly, covered
// by a guided party organisation, or located in a guided carrier); contacts = distinct units,
// party organisations and carriers guided (a building's committee counts once).
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
     COUNT { MATCH (i)-[:GUIDES]->(t:Unit|PartyOrg|Carrier) RETURN DISTINCT t } AS contacts
WITH i, streets[0] AS s, reach, contacts
RETURN i.id AS instructor_id,
       i.name AS name,
       reach,
       contacts,
       contacts > $max_contacts_per_instructor AS overloaded,
       coalesce(s.name, s.id) AS street
ORDER BY instructor_id
