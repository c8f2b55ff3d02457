// SHOULD_FORM_OWN
// Units with at least $own_branch_min_members full members not covered by an own (单独组建)
// organisation. Probationary members never count.
MATCH (u:Unit)
WHERE u.party_members >= $own_branch_min_members
  AND u.party_members >= 1
  AND NOT EXISTS { (u)-[:COVERED_BY]->(:PartyOrg {form: 'own'}) }
WITH u, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'SHOULD_FORM_OWN' AS detail_key,
       u.party_members AS members,
       $own_branch_min_members AS limit,
       CASE
         WHEN EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) } THEN 'joint_org'
         WHEN EXISTS { (u)<-[:GUIDES]-(:Instructor) }
           OR EXISTS { (u)<-[:LIAISES]-(:Liaison) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:LIAISES]-(:Liaison) }
           OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:BASED_AT]-(:PartyOrg) } THEN 'work_only'
         ELSE 'uncovered'
       END AS status
ORDER BY street, subject_id
