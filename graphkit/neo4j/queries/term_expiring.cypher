// TERM_EXPIRING
// Party organisations whose term ends on the as-of date ($as_of) or within
// $term_warning_days days after it (即将换届).
MATCH (p:PartyOrg)
WHERE p.term_ends >= $as_of
WITH p, duration.inDays($as_of, p.term_ends).days AS days
WHERE days <= $term_warning_days
WITH p, days,
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
       'TERM_EXPIRING' AS detail_key,
       toString(p.term_ends) AS date,
       days
ORDER BY days, subject_id
