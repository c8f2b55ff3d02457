// HONOUR_AT_RISK
// Valid honours (status valid or blank) held by a unit that is UNCOVERED or MEMBERS_WITHOUT_ORG, or
// by a party organisation with TERM_EXPIRED, INACTIVE_ORG or NO_POSITION or graded lagging (后进)
// (评选优先考虑党建工作到位). One row per honour; reasons: the codes, in that order.
OPTIONAL MATCH (l:Ledger {id: 'graphkit:ledger'})
WITH l, coalesce(l.tables, []) AS tables
MATCH (h:Honour)-[:AWARDED_TO]->(u:Unit)
WHERE coalesce(h.status, 'valid') = 'valid'
WITH h, u,
     EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) } AS org_covered,
     EXISTS { (u)<-[:GUIDES]-(:Instructor) }
       OR EXISTS { (u)<-[:LIAISES]-(:Liaison) }
       OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES|LIAISES|BASED_AT]-() } AS work_covered
WITH h, u,
     [code IN [
        CASE WHEN NOT org_covered AND NOT work_covered THEN 'UNCOVERED' END,
        CASE WHEN NOT org_covered AND coalesce(u.party_members, 0) >= 1 THEN 'MEMBERS_WITHOUT_ORG' END
      ] WHERE code IS NOT NULL] AS reasons
WHERE size(reasons) > 0
WITH h, u, reasons, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'HONOUR_AT_RISK' AS detail_key,
       h.type AS honour,
       h.level AS level,
       h.seq AS honour_seq,
       reasons
UNION ALL
OPTIONAL MATCH (l:Ledger {id: 'graphkit:ledger'})
WITH l, coalesce(l.tables, []) AS tables
MATCH (h:Honour)-[:AWARDED_TO]->(p:PartyOrg)
WHERE coalesce(h.status, 'valid') = 'valid'
// @grade
WITH h, p, tables, grade
WITH h, p,
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
WITH h, p, reasons,
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
       h.type AS honour,
       h.level AS level,
       h.seq AS honour_seq,
       reasons
