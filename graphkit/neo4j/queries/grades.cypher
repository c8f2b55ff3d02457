// grades
// 分类定级: one row per party organisation with its seven criteria (pass true, fail false, null when
// the table or column a criterion needs was not kept), the number failed (of those assessed) and
// the grade (null unless every record the grades need was kept): advanced (先进: all pass, and a demonstration site or a valid honour), good
// (较好: all pass), fair (一般: 1 to $grade_fair_max_fails fail), lagging (后进).
OPTIONAL MATCH (l:Ledger {id: 'graphkit:ledger'})
MATCH (p:PartyOrg)
// @grade
WITH p, criteria, failed, grade,
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
RETURN p.id AS party_org_id,
       p.name AS name,
       coalesce(streets[0].name, streets[0].id) AS street,
       streets[0].id AS street_id,
       criteria.position_ok AS position_ok,
       criteria.active AS active,
       criteria.secretary_trained AS secretary_trained,
       criteria.term_ok AS term_ok,
       criteria.instructor_reached AS instructor_reached,
       criteria.paired AS paired,
       criteria.level_ok AS level_ok,
       size(failed) AS fails,
       grade
ORDER BY party_org_id
