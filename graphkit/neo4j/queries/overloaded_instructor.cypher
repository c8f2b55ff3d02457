// OVERLOADED_INSTRUCTOR
// Instructors whose reach (distinct units reached) exceeds $max_units_per_instructor.
MATCH (i:Instructor)
WITH i,
     COUNT {
       MATCH (i)-[:GUIDES]->(u:Unit) RETURN u
       UNION
       MATCH (i)-[:GUIDES]->(:PartyOrg)<-[:COVERED_BY]-(u:Unit) RETURN u
       UNION
       MATCH (i)-[:GUIDES]->(:Carrier)<-[:LOCATED_IN]-(u:Unit) RETURN u
     } AS reach
WHERE reach > $max_units_per_instructor
WITH i, reach, COLLECT { MATCH (i)-[:SENT_BY]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Instructor' AS subject_kind,
       i.id AS subject_id,
       i.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'OVERLOADED_INSTRUCTOR' AS detail_key,
       reach,
       $max_units_per_instructor AS limit
ORDER BY reach DESC, subject_id
