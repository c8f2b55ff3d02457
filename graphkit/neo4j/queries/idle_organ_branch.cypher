// IDLE_ORGAN_BRANCH
// Organ branches (机关党支部) paired with no party organisation.
MATCH (b:OrganBranch)
WHERE NOT EXISTS { (b)-[:PAIRED_WITH]->(:PartyOrg) }
RETURN 'OrganBranch' AS subject_kind,
       b.id AS subject_id,
       b.name AS subject_name,
       null AS street,
       'IDLE_ORGAN_BRANCH' AS detail_key
ORDER BY subject_id
