// OVERLOADED_INSTRUCTOR
// Instructors with more contacts than $max_contacts_per_instructor: contacts are the distinct
// units, party organisations and carriers they guide (a building's committee counts once);
// reach (distinct units reached) is returned for the detail.
MATCH (i:Instructor)
WITH i,
     COUNT { MATCH (i)-[:GUIDES]->(t:Unit|PartyOrg|Carrier) RETURN DISTINCT t } AS contacts
WHERE contacts > $max_contacts_per_instructor
WITH i, contacts,
     COUNT {
       MATCH (i)-[:GUIDES]->(u:Unit) RETURN u
       UNION
       MATCH (i)-[:GUIDES]->(:PartyOrg)<-[:COVERED_BY]-(u:Unit) RETURN u
       UNION
       MATCH (i)-[:GUIDES]->(:Carrier)<-[:LOCATED_IN]-(u:Unit) RETURN u
     } AS reach,
     COLLECT { MATCH (i)-[:SENT_BY]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Instructor' AS subject_kind,
       i.id AS subject_id,
       i.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'OVERLOADED_INSTRUCTOR' AS detail_key,
       contacts,
       reach,
       $max_contacts_per_instructor AS limit
ORDER BY contacts DESC, subject_id
