// NO_SECRETARY
// Party organisations whose secretary (书记) is blank: empty or only whitespace, the no-break
// spaces included (as Python's str.strip() sees it). Push writes a blank secretary as '' when the
// ledger has the column, and nothing when it has none: then this check is not run and finds nothing.
MATCH (p:PartyOrg)
WHERE p.secretary IS NOT NULL
  AND trim(replace(replace(replace(replace(p.secretary, '\u00A0', ' '), '\u2007', ' '), '\u202F', ' '), '\u0085', ' ')) = ''
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
       'NO_SECRETARY' AS detail_key
ORDER BY subject_id
