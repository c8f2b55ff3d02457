// NO_INSTRUCTOR
// Party organisations no instructor reaches (not guided, base carrier not guided, no covered
// unit reached), and units with full members, no organisational coverage and no instructor
// reaching them. Liaisons do not count.
MATCH (p:PartyOrg)
WHERE NOT EXISTS { (p)<-[:GUIDES]-(:Instructor) }
  AND NOT EXISTS { (p)-[:BASED_AT]->(:Carrier)<-[:GUIDES]-(:Instructor) }
  AND NOT EXISTS {
    MATCH (p)<-[:COVERED_BY]-(u:Unit)
    WHERE EXISTS { (u)<-[:GUIDES]-(:Instructor) }
       OR EXISTS { (u)-[:COVERED_BY]->(:PartyOrg)<-[:GUIDES]-(:Instructor) }
       OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
  }
WITH p,
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
       'NO_INSTRUCTOR:PartyOrg' AS detail_key,
       null AS members
UNION ALL
MATCH (u:Unit)
WHERE u.party_members >= 1
  AND NOT EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) }
  AND NOT EXISTS { (u)<-[:GUIDES]-(:Instructor) }
  AND NOT EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
WITH u, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'NO_INSTRUCTOR:Unit' AS detail_key,
       u.party_members AS members
