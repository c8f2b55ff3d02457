// STREET_WITHOUT_STATION
// Streets no guidance station (党建指导站) serves.
MATCH (s:Street)
WHERE NOT EXISTS { (s)<-[:SERVES]-(:GuidanceStation) }
RETURN 'Street' AS subject_kind,
       s.id AS subject_id,
       s.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'STREET_WITHOUT_STATION' AS detail_key
ORDER BY subject_id
