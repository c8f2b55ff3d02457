// BAD_CREDIT_CODE
// Units whose id is not a valid unified social credit code (统一社会信用代码, GB 32100-2015):
// 18 characters of 0-9 A-H J-N P-R T U W X Y, positions 3-8 digits, and the check character
// C18 = 31 - (sum of value(Ci) * 3^(i-1) mod 31) mod 31 (31 becomes 0).
MATCH (u:Unit)
WITH u, u.id AS code, '0123456789ABCDEFGHJKLMNPQRTUWXY' AS alphabet
WITH u, code, alphabet,
     CASE
       WHEN trim(code) = '' THEN 'blank'
       WHEN size(code) <> 18 THEN 'length'
       WHEN NOT code =~ '[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}' THEN 'characters'
     END AS shape
WITH u, code, shape,
     CASE WHEN shape IS NULL THEN
       substring(alphabet,
         (31 - reduce(total = 0, i IN range(0, 16) |
             total + size(split(alphabet, substring(code, i, 1))[0])
                     * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i]) % 31) % 31,
         1)
     END AS check
WITH u, coalesce(shape, CASE WHEN substring(code, 17, 1) <> check THEN 'check:' + check END) AS problem
WHERE problem IS NOT NULL
WITH u, problem, COLLECT { MATCH (u)-[:IN_STREET]->(s:Street) RETURN s ORDER BY s.id LIMIT 1 }[0] AS s
RETURN 'Unit' AS subject_kind,
       u.id AS subject_id,
       u.name AS subject_name,
       coalesce(s.name, s.id) AS street,
       'BAD_CREDIT_CODE' AS detail_key,
       problem
ORDER BY subject_id
