// PLAQUE_WITHOUT_MEMBER
// 党员经营户挂牌 (member_plaque honours still held: status valid or blank, not dated after $as_of)
// on units with no full member (party_members blank or 0; probationary members do not count).
// One row per unit.
MATCH (h:Honour {type: 'member_plaque'})-[:AWARDED_TO]->(u:Unit)
WHERE coalesce(h.status, 'valid') = 'valid' AND coalesce(h.date <= $as_of, true)
  AND coalesce(u.party_members, 0) < 1
WITH DISTINCT u
WITH u, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'PLAQUE_WITHOUT_MEMBER' AS detail_key
ORDER BY subject_id
