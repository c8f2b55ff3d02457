// PARENT_CYCLE
// Party organisations on a loop of parent links (上级党组织关系成环), itself included: one that is
// its own parent is a loop of one. `loop` names the members in order, from the subject back to it;
// where an organisation has several parents on loops, the shortest loop (then the smallest ids).
MATCH path = (p:PartyOrg)-[:REPORTS_TO*1..]->(p)
WHERE all(n IN nodes(path) WHERE n:PartyOrg)
WITH p, path
ORDER BY length(path), [n IN nodes(path) | n.id]
WITH p, collect(path)[0] AS loop
WITH p, loop, COLLECT { MATCH (p)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'PartyOrg' AS subject_kind,
       p.id AS subject_id,
       p.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'PARENT_CYCLE' AS detail_key,
       [n IN nodes(loop) | n.name] AS loop
ORDER BY subject_id
