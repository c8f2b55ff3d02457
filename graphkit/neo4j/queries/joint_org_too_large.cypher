// JOINT_ORG_TOO_LARGE
// Joint (联合组建) branches (党支部) covering more than $joint_branch_max_units distinct units.
// Joint committees and general branches are not capped.
MATCH (p:PartyOrg {form: 'joint', level: 'branch'})
WITH p, COUNT { MATCH (u:Unit)-[:COVERED_BY]->(p) RETURN DISTINCT u } AS units
WHERE units > $joint_branch_max_units
WITH p, units,
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
       'JOINT_ORG_TOO_LARGE' AS detail_key,
       units,
       $joint_branch_max_units AS limit
ORDER BY units DESC, subject_id
