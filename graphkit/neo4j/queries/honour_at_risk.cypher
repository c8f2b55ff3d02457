// HONOUR_AT_RISK
// Holders of honours still held (status valid or blank, not dated after $as_of): a unit that is
// UNCOVERED or MEMBERS_WITHOUT_ORG, or a party organisation with TERM_EXPIRED, INACTIVE_ORG or
// NO_POSITION or graded lagging (后进) (评选优先考虑党建工作到位); INACTIVE_ORG, NO_POSITION and
// the grade only where their records were kept. One row per holder: honours, the types it holds;
// reasons, the codes in that order (ORG_LAGGING: graded lagging). Not run without an honours table.
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE 'honours' IN l.tables
MATCH (h:Honour)-[:AWARDED_TO]->(u:Unit)
WHERE coalesce(h.status, 'valid') = 'valid' AND coalesce(h.date <= $as_of, true)
WITH u, collect(DISTINCT coalesce(h.type, '?')) AS honours
WITH u, honours,
     EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) } AS org_covered,
     EXISTS { (u)<-[:GUIDES]-(:Instructor) }
       OR EXISTS { (u)<-[:LIAISES]-(:Liaison) }
       OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES]-(:Instructor) }
       OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:LIAISES]-(:Liaison) }
       OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:BASED_AT]-(:PartyOrg) } AS work_covered
WITH u, honours,
     [code IN [
        CASE WHEN NOT org_covered AND NOT work_covered THEN 'UNCOVERED' END,
        CASE WHEN NOT org_covered AND coalesce(u.party_members, 0) >= 1 THEN 'MEMBERS_WITHOUT_ORG' END
      ] WHERE code IS NOT NULL] AS reasons
WHERE size(reasons) > 0
WITH u, honours, reasons, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'HONOUR_AT_RISK' AS detail_key,
       honours,
       reasons
UNION ALL
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE 'honours' IN l.tables
MATCH (h:Honour)-[:AWARDED_TO]->(p:PartyOrg)
WHERE coalesce(h.status, 'valid') = 'valid' AND coalesce(h.date <= $as_of, true)
WITH l, p, collect(DISTINCT coalesce(h.type, '?')) AS honours
// @grade
WITH p, honours, l.tables AS tables, grade
WITH p, honours,
     [code IN [
        CASE WHEN p.term_ends < $as_of THEN 'TERM_EXPIRED' END,
        CASE WHEN 'activities' IN tables AND NOT EXISTS {
               MATCH (a:Activity)-[:HELD_BY]->(p)
               WHERE $as_of - duration({days: $activity_window_days}) < a.date <= $as_of
             } THEN 'INACTIVE_ORG' END,
        CASE WHEN 'positions' IN tables
              AND NOT EXISTS { (p)<-[:HOSTED_BY|USED_BY]-(:Position) }
              AND NOT EXISTS { (p)-[:BASED_AT]->(:Carrier)<-[:HOSTED_BY]-(:Position) } THEN 'NO_POSITION' END,
        CASE WHEN grade = 'lagging' THEN 'ORG_LAGGING' END
      ] WHERE code IS NOT NULL] AS reasons
WHERE size(reasons) > 0
WITH p, honours, reasons,
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
       'HONOUR_AT_RISK' AS detail_key,
       honours,
       reasons
