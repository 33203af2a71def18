-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$
-- +goose StatementEnd
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();

-- +goose Down
DROP TRIGGER users_touch ON users;
-- +goose StatementBegin
DROP FUNCTION touch();
-- +goose StatementEnd
