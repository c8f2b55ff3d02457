// OVERPAIRED_ORGAN_BRANCH
// Organ branches paired with more than $max_pairings_per_branch distinct party organisations.
MATCH (b:OrganBranch)
WITH b, COUNT { MATCH (b)-[:PAIRED_WITH]->(p:PartyOrg) RETURN DISTINCT p } AS pairings
WHERE pairings > $max_pairings_per_branch
RETURN 'OrganBranch' AS subject_kind,
       b.id AS subject_id,
       b.name AS subject_name,
       null AS street,
       'OVERPAIRED_ORGAN_BRANCH' AS detail_key,
       pairings,
       $max_pairings_per_branch AS limit
ORDER BY pairings DESC, subject_id
