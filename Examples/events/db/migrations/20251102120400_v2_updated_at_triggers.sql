-- V2: keep updated_at current on the seven tables that have it.
-- strata:up
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER events_set_updated_at BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER event_mailing_lists_set_updated_at BEFORE UPDATE ON event_mailing_lists
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER event_speakers_set_updated_at BEFORE UPDATE ON event_speakers
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER knowledge_store_set_updated_at BEFORE UPDATE ON knowledge_store
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER generated_emails_set_updated_at BEFORE UPDATE ON generated_emails
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER content_plan_items_set_updated_at BEFORE UPDATE ON content_plan_items
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER approvals_set_updated_at BEFORE UPDATE ON approvals
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- strata:down
DROP TRIGGER approvals_set_updated_at ON approvals;
DROP TRIGGER content_plan_items_set_updated_at ON content_plan_items;
DROP TRIGGER generated_emails_set_updated_at ON generated_emails;
DROP TRIGGER knowledge_store_set_updated_at ON knowledge_store;
DROP TRIGGER event_speakers_set_updated_at ON event_speakers;
DROP TRIGGER event_mailing_lists_set_updated_at ON event_mailing_lists;
DROP TRIGGER events_set_updated_at ON events;
DROP FUNCTION set_updated_at();

-- strata:verify
SELECT count(*) = 7 FROM pg_trigger WHERE tgname LIKE '%_set_updated_at' AND NOT tgisinternal;
