// SECRETARY_UNTRAINED
// Party organisations whose secretary (书记, not blank) has no training within $training_window_days
// days up to the as-of date ($as_of): a training counts when it names the same person (exact name)
// and that organisation or none. A blank secretary is NO_SECRETARY instead. Not run when the ledger
// kept no trainings table or no secretary column.
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE 'trainings' IN l.tables AND 'PartyOrg.secretary' IN l.columns
MATCH (p:PartyOrg)
WHERE p.secretary IS NOT NULL
  AND trim(replace(replace(replace(replace(p.secretary, '\u00A0', ' '), '\u2007', ' '), '\u202F', ' '), '\u0085', ' ')) <> ''
  AND NOT EXISTS {
    MATCH (t:Training {person: p.secretary})
    WHERE $as_of - duration({days: $training_window_days}) < t.date <= $as_of
      AND (EXISTS { (t)-[:FOR_ORG]->(p) } OR NOT EXISTS { (t)-[:FOR_ORG]->() })
  }
WITH p, null AS extra
WITH p, extra,
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
       'SECRETARY_UNTRAINED' AS detail_key,
       p.secretary AS secretary,
       $training_window_days AS days
ORDER BY subject_id
