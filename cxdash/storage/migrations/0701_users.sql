-- Team use: users with roles, and login attempts for rate limiting.
CREATE TABLE users (
    name           VARCHAR PRIMARY KEY,
    display_name   VARCHAR,
    email          VARCHAR,
    role           VARCHAR NOT NULL,
    password_hash  VARCHAR,
    active         BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE login_attempts (
    name          VARCHAR NOT NULL,
    attempted_at  TIMESTAMP NOT NULL,
    succeeded     BOOLEAN NOT NULL
);
