// ORG_LEVEL_MISMATCH
// 党支部 with more than $branch_max_members members, 党总支 with fewer than
// $general_branch_min_members, 党委 with fewer than $committee_min_members. Members: the
// organisation's own count, else the sum of the full members of the units it covers.
MATCH (p:PartyOrg)
WHERE p.level IN ['branch', 'general_branch', 'committee']
WITH p,
     COLLECT {
       MATCH (u:Unit)-[:COVERED_BY]->(p)
       WITH DISTINCT u
       WHERE u.party_members IS NOT NULL
       RETURN u.party_members
     } AS counts
WITH p,
     coalesce(p.members, CASE WHEN size(counts) > 0 THEN reduce(n = 0, c IN counts | n + c) END) AS members,
     CASE p.level
       WHEN 'branch' THEN $branch_max_members
       WHEN 'general_branch' THEN $general_branch_min_members
       ELSE $committee_min_members
     END AS limit
WHERE (p.level = 'branch' AND members > limit) OR (p.level <> 'branch' AND members < limit)
WITH p, members, limit,
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
       'ORG_LEVEL_MISMATCH:' + p.level AS detail_key,
       members,
       limit
ORDER BY subject_id
