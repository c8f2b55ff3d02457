// DEMO_SITE_BELOW_STANDARD
// Demonstration sites (示范点, district or street level) missing a 四个一 item (plan, vehicle,
// rules, atmosphere; a blank counts as missing) or with
// their own NO_POSITION, POSITION_BELOW_STANDARD (a position serving them misses a 六有 item),
// INACTIVE_ORG or TERM_EXPIRED; each of those only when the table it needs was kept. Not run
// when the ledger kept no 四个一 columns.
MATCH (l:Ledger {id: 'graphkit:ledger'})
WHERE all(item IN ['plan', 'vehicle', 'rules', 'atmosphere'] WHERE ('PartyOrg.' + item) IN l.columns)
WITH l.tables AS tables
MATCH (p:PartyOrg)
WHERE p.demo_level IN ['district', 'street']
WITH p, tables,
     [item IN ['plan', 'vehicle', 'rules', 'atmosphere'] WHERE NOT coalesce(p[item], false)] AS missing,
     COLLECT {
       MATCH (s:Position)
       WHERE EXISTS { (s)-[:HOSTED_BY|USED_BY]->(p) } OR EXISTS { (s)-[:HOSTED_BY]->(:Carrier)<-[:BASED_AT]-(p) }
       RETURN s
     } AS serving
WITH p, missing,
     [code IN [
        CASE WHEN 'positions' IN tables AND size(serving) = 0 THEN 'NO_POSITION' END,
        CASE WHEN any(s IN serving WHERE any(item IN ['has_site', 'has_facilities', 'has_sign', 'has_flag', 'has_reading', 'has_rules']
                                             WHERE NOT coalesce(s[item], false)))
             THEN 'POSITION_BELOW_STANDARD' END,
        CASE WHEN 'activities' IN tables AND NOT EXISTS {
               MATCH (a:Activity)-[:HELD_BY]->(p)
               WHERE $as_of - duration({days: $activity_window_days}) < a.date <= $as_of
             } THEN 'INACTIVE_ORG' END,
        CASE WHEN p.term_ends < $as_of THEN 'TERM_EXPIRED' END
      ] WHERE code IS NOT NULL] AS codes
WHERE size(missing) + size(codes) > 0
WITH p, missing, codes,
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
       'DEMO_SITE_BELOW_STANDARD' AS detail_key,
       missing,
       codes
ORDER BY subject_id
