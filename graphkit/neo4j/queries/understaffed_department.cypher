// UNDERSTAFFED_DEPARTMENT
// Departments with fewer party-office staff (党建专干, blank = 0) than required.
MATCH (d:Department)
WHERE d.required_staff > coalesce(d.party_office_staff, 0)
RETURN 'Department' AS subject_kind,
       d.id AS subject_id,
       d.name AS subject_name,
       null AS street,
       'UNDERSTAFFED_DEPARTMENT' AS detail_key,
       coalesce(d.party_office_staff, 0) AS staff,
       d.required_staff AS required
ORDER BY subject_id
