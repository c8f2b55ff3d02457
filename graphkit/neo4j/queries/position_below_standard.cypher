// POSITION_BELOW_STANDARD
// Positions (阵地) missing any of the 六有 items (site, facilities, sign, flag, reading, rules);
// an item left blank counts as missing. missing: the items, in the campaign's order. Street:
// that of the first carrier hosting it that has one, else of the first party organisation hosting
// it that has one (an organisation's street as for its findings), else of one using it.
MATCH (s:Position)
WITH s,
     [item IN ['has_site', 'has_facilities', 'has_sign', 'has_flag', 'has_reading', 'has_rules']
      WHERE NOT coalesce(s[item], false)] AS missing
WHERE size(missing) > 0
WITH s, missing,
     COLLECT {
       MATCH (s)-[:HOSTED_BY]->(c:Carrier)
       WHERE EXISTS { (c)-[:IN_STREET]->(:Street) }
       WITH c ORDER BY c.id LIMIT 1
       MATCH (c)-[:IN_STREET]->(st:Street) RETURN st ORDER BY st.id LIMIT 1
     }
     + COLLECT {
         MATCH (s)-[r:HOSTED_BY|USED_BY]->(p:PartyOrg)
         WITH p, CASE WHEN type(r) = 'HOSTED_BY' THEN 0 ELSE 1 END AS rank,
              COLLECT { MATCH (p)-[:IN_STREET]->(x:Street) RETURN x ORDER BY x.id LIMIT 1 }
              + COLLECT {
                  MATCH (p)-[:BASED_AT]->(base:Carrier) WITH base ORDER BY base.id LIMIT 1
                  MATCH (base)-[:IN_STREET]->(x:Street) RETURN x ORDER BY x.id LIMIT 1
                }
              + COLLECT {
                  MATCH (p)<-[:COVERED_BY]-(member:Unit) WITH member ORDER BY member.id LIMIT 1
                  MATCH (member)-[:IN_STREET]->(x:Street) RETURN x ORDER BY x.id LIMIT 1
                } AS found
         WHERE size(found) > 0
         RETURN found[0] AS st ORDER BY rank, p.id LIMIT 1
       }
     AS streets
RETURN 'Position' AS subject_kind,
       s.id AS subject_id,
       s.name AS subject_name,
       coalesce(streets[0].name, streets[0].id) AS street,
       'POSITION_BELOW_STANDARD' AS detail_key,
       missing
ORDER BY subject_id
