// POSITION_BELOW_STANDARD
// Positions (阵地) missing any of the 六有 items (site, facilities, sign, flag, reading, rules);
// an item left blank counts as missing. missing: the items, in the campaign's order. Street:
// that of the carrier hosting it, else of the party organisation hosting it, else of one using it.
MATCH (s:Position)
WITH s,
     [item IN ['has_site', 'has_facilities', 'has_sign', 'has_flag', 'has_reading', 'has_rules']
      WHERE NOT coalesce(s[item], false)] AS missing
WHERE size(missing) > 0
WITH s, missing,
     COLLECT {
       MATCH (s)-[:HOSTED_BY]->(c:Carrier) WITH c ORDER BY c.id LIMIT 1
       MATCH (c)-[:IN_STREET]->(st:Street) RETURN st ORDER BY st.id LIMIT 1
     }
     + COLLECT {
         MATCH (s)-[:HOSTED_BY|USED_BY]->(p:PartyOrg)
         WITH p ORDER BY CASE WHEN EXISTS { (s)-[:HOSTED_BY]->(p) } THEN 0 ELSE 1 END, p.id LIMIT 1
         CALL (p) {
           MATCH (p)-[:IN_STREET]->(st:Street) RETURN st ORDER BY st.id LIMIT 1
           UNION
           MATCH (p)-[:BASED_AT]->(base:Carrier) WITH base ORDER BY base.id LIMIT 1
           MATCH (base)-[:IN_STREET]->(st:Street) RETURN st ORDER BY st.id LIMIT 1
         }
         RETURN st LIMIT 1
       }
     AS streets
RETURN 'Position' AS subject_kind,
       s.id AS subject_id,
       s.name AS subject_name,
       coalesce(streets[0].name, streets[0].id) AS street,
       'POSITION_BELOW_STANDARD' AS detail_key,
       missing
ORDER BY subject_id
