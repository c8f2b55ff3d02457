// MISSING_FIVE_CLEARS
// Units whose “五个清” are incomplete: operation, workforce, party_status or investor blank, or no
// covering party organisation and a blank no_org_reason (未建党组织原因). Blank: empty or only
// whitespace, the no-break spaces included (as Python's str.strip() sees it).
MATCH (u:Unit)
WITH u,
     [f IN ['operation', 'workforce', 'party_status', 'investor']
      WHERE trim(replace(replace(replace(replace(coalesce(u[f], ''), '\u00A0', ' '), '\u2007', ' '), '\u202F', ' '), '\u0085', ' ')) = ''] AS blank,
     NOT EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) }
     AND trim(replace(replace(replace(replace(coalesce(u.no_org_reason, ''), '\u00A0', ' '), '\u2007', ' '), '\u202F', ' '), '\u0085', ' ')) = '' AS no_reason
WHERE size(blank) > 0 OR no_reason
WITH u, blank + CASE WHEN no_reason THEN ['no_org_reason'] ELSE [] END AS missing,
     COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'MISSING_FIVE_CLEARS' AS detail_key,
       missing
ORDER BY subject_id
