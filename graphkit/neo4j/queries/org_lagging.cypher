// ORG_LAGGING
// Party organisations graded lagging (后进, more than $grade_fair_max_fails of the seven criteria
// failed). Not raised when a table the grades need was not kept (no grade is given then).
OPTIONAL MATCH (l:Ledger {id: 'graphkit:ledger'})
MATCH (p:PartyOrg)
// @grade
WITH p, failed, grade
WHERE grade = 'lagging'
WITH p, failed,
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
       'ORG_LAGGING' AS detail_key,
       size(failed) AS fails,
       failed
ORDER BY subject_id
