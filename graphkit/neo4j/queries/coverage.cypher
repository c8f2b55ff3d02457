// coverage
// One row per unit: own_org (单独组建), joint_org (联合组建), work_only (仅工作覆盖) or uncovered (未覆盖).
// Organisational coverage: a COVERED_BY party organisation (an own one first).
// Work coverage: an instructor or liaison assigned to the unit or to the carrier it is
// LOCATED_IN, or a party organisation BASED_AT that carrier.
MATCH (u:Unit)
WITH u,
     COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 } AS streets,
     COLLECT {
       MATCH (u)-[:COVERED_BY]->(p:PartyOrg)
       RETURN p ORDER BY CASE WHEN p.form = 'own' THEN 0 ELSE 1 END, p.id LIMIT 1
     } AS orgs
WITH u, streets[0] AS s, orgs[0] AS p
RETURN u.id AS unit_id,
       u.name AS name,
       u.kind AS kind,
       coalesce(s.name, s.id) AS street,
       s.id AS street_id,
       u.party_members AS party_members,
       CASE
         WHEN p.form = 'own' THEN 'own_org'
         WHEN p IS NOT NULL THEN 'joint_org'
         WHEN EXISTS { (u)<-[:GUIDES]-(:Instructor) }
           OR EXISTS { (u)<-[:LIAISES]-(:Liaison) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:LIAISES]-(:Liaison) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:BASED_AT]-(:PartyOrg) } THEN 'work_only'
         ELSE 'uncovered'
       END AS status,
       p.id AS party_org_id
ORDER BY unit_id
