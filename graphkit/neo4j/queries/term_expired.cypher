// TERM_EXPIRED
// Party organisations whose term ended before the as-of date ($as_of) (已到期未换届).
MATCH (p:PartyOrg)
WHERE p.term_ends < $as_of
WITH p,
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
       'TERM_EXPIRED' AS detail_key,
       toString(p.term_ends) AS date
ORDER BY date, subject_id
