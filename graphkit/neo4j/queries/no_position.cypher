// NO_POSITION
// Party organisations no position (阵地) serves: none is HOSTED_BY or USED_BY them, none is
// HOSTED_BY the carrier they are BASED_AT. Not run (no rows) when the ledger kept no positions
// table (the :Ledger node lists the campaign tables the ledger had).
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE 'positions' IN l.tables
MATCH (p:PartyOrg)
WHERE NOT EXISTS { (p)<-[:HOSTED_BY|USED_BY]-(:Position) }
  AND NOT EXISTS { (p)-[:BASED_AT]->(:Carrier)<-[:HOSTED_BY]-(:Position) }
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
       'NO_POSITION' AS detail_key
ORDER BY subject_id
