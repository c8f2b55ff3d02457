// MEMBERS_WITHOUT_ORG
// Units with at least one full member (正式党员) that no party organisation covers.
MATCH (u:Unit)
WHERE u.party_members >= 1
  AND NOT EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) }
WITH u, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'MEMBERS_WITHOUT_ORG' AS detail_key,
       u.party_members AS members
ORDER BY street, subject_id
