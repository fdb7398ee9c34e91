-- Verifications name a real solution: solution_id becomes a solutions.id. The free text a row held
-- before is kept in solution_label; it is resolved to a solution when it is that solution's id
-- (optionally written "#12") or its exact title, and left unbound (NULL) otherwise.
ALTER TABLE verifications ADD COLUMN solution_label VARCHAR;

UPDATE verifications SET solution_label = solution_id WHERE solution_id IS NOT NULL;

UPDATE verifications AS v SET solution_id = (
    SELECT CAST(min(s.id) AS VARCHAR) FROM solutions s
    WHERE CAST(s.id AS VARCHAR) = ltrim(trim(v.solution_label), '#')
       OR s.title = trim(v.solution_label)
) WHERE v.solution_label IS NOT NULL;

ALTER TABLE verifications ALTER solution_id TYPE BIGINT USING CAST(solution_id AS BIGINT);
