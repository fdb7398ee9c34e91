-- An optional subject line beside the body (a ticket's subject, a message's 留言主题). Stored apart
-- from the text, which stays as written; classification and discovery read both together.
ALTER TABLE feedback ADD COLUMN subject VARCHAR;
