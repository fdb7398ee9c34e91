-- Step 4 through step 5: a survey may collect the answers of a KANO study (its KANO questions).
ALTER TABLE surveys ADD COLUMN kano_study_id BIGINT;
