// STREET_WITHOUT_DEMO
// Streets in which no party organisation is a demonstration site (示范点, district or street
// level). An organisation's street: its own IN_STREET, else its base carrier's, else that of
// a unit it covers.
MATCH (p:PartyOrg)
WHERE p.demo_level IN ['district', 'street']
WITH p,
     COLLECT { MATCH (p)-[:IN_STREET]->(s:Street) RETURN s.id ORDER BY s.id LIMIT 1 }
     + COLLECT {
         MATCH (p)-[:BASED_AT]->(base:Carrier) WITH base ORDER BY base.id LIMIT 1
         MATCH (base)-[:IN_STREET]->(s:Street) RETURN s.id ORDER BY s.id LIMIT 1
       }
     + COLLECT {
         MATCH (p)<-[:COVERED_BY]-(member:Unit) WITH member ORDER BY member.id LIMIT 1
         MATCH (member)-[:IN_STREET]->(s:Street) RETURN s.id ORDER BY s.id LIMIT 1
       }
     AS streets
WITH collect(DISTINCT streets[0]) AS with_demo
MATCH (s:Street)
WHERE NOT s.id IN with_demo
RETURN 'Street' AS subject_kind,
       s.id AS subject_id,
       s.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'STREET_WITHOUT_DEMO' AS detail_key
ORDER BY subject_id
