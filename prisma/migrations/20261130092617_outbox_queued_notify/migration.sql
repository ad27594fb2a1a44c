-- Wakes the outbox dispatchers that LISTEN on "jalon_outbox" (PostgreSQL) as soon as an email is due:
-- a row queued by any process (worker, API) or a delivery put back to "queued". Sent on commit only.
-- Written by hand: Prisma's schema does not describe triggers (its diffs leave them alone).
CREATE FUNCTION "jalon_outbox_notify"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('jalon_outbox', '');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "OutboxEmail_queued_notify"
  AFTER INSERT OR UPDATE OF "status" ON "OutboxEmail"
  FOR EACH ROW WHEN (NEW."status" = 'queued')
  EXECUTE FUNCTION "jalon_outbox_notify"();
