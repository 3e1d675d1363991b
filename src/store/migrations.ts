/**
 * Versioned migrations, applied in order at start-up on PGlite and PostgreSQL alike. Never edit one
 * that has shipped: add the next version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, vendor calls, decisions, pending polls, claims',
    sql: `
      CREATE TABLE identities (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        owner text NOT NULL,
        case_no text NOT NULL,
        input_hash text NOT NULL,
        country text NOT NULL,
        document_type text NOT NULL,
        face_signature_id text,
        -- SHA-256 of each image (never the image itself), to recognise a resubmission.
        image_hashes jsonb NOT NULL,
        vendor_signals jsonb NOT NULL,
        outcome text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (owner, case_no)
      );
      CREATE INDEX identities_outcome_seq ON identities (outcome, seq DESC);
      CREATE INDEX identities_created_at ON identities (created_at);

      -- The audit trail of every vendor call: attempt 0 is the verification, later attempts re-polls.
      CREATE TABLE vendor_calls (
        identity_id uuid NOT NULL REFERENCES identities (id),
        attempt int NOT NULL,
        position int NOT NULL,
        vendor text NOT NULL,
        status text NOT NULL,
        latency_ms int,
        error_code text,
        message text,
        reference text,
        called_at timestamptz NOT NULL,
        PRIMARY KEY (identity_id, attempt, vendor)
      );

      -- Append-only: a trigger refuses UPDATE and DELETE.
      CREATE TABLE decisions (
        identity_id uuid NOT NULL REFERENCES identities (id),
        seq int NOT NULL,
        outcome text NOT NULL,
        reasons jsonb NOT NULL,
        policy_version text NOT NULL,
        facts jsonb,
        decided_at timestamptz NOT NULL,
        decided_by text,
        note text,
        PRIMARY KEY (identity_id, seq)
      );
      CREATE FUNCTION decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decisions are append-only';
      END $$;
      CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
        FOR EACH ROW EXECUTE FUNCTION decisions_append_only();

      -- Cases waiting for a vendor's final answer; leased by one replica at a time.
      CREATE TABLE pending_polls (
        identity_id uuid PRIMARY KEY REFERENCES identities (id),
        attempts int NOT NULL DEFAULT 0,
        next_poll_at timestamptz NOT NULL,
        started_at timestamptz NOT NULL,
        lease_owner text,
        lease_until timestamptz
      );
      CREATE INDEX pending_polls_due ON pending_polls (next_poll_at);

      -- Idempotency claims: the first request for (owner, caseNo) claims it before calling vendors.
      CREATE TABLE case_claims (
        owner text NOT NULL,
        case_no text NOT NULL,
        input_hash text NOT NULL,
        claimed_at timestamptz NOT NULL,
        PRIMARY KEY (owner, case_no)
      );
    `,
  },
  {
    version: 2,
    name: 'policies on record, by version',
    sql: `
      -- Every policy the gateway has decided with, so a decision is explained with its own policy
      -- after the policy changed. Rows are only added.
      CREATE TABLE policies (
        version text PRIMARY KEY,
        name text NOT NULL,
        document jsonb NOT NULL,
        first_loaded_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'API keys (hashed)',
    sql: `
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        -- SHA-256 of the key; the key itself is shown once, at creation, and never stored.
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        scopes jsonb NOT NULL,
        rate_limit jsonb,
        source text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz
      );
    `,
  },
  {
    version: 4,
    name: 'new cases and claims written many at a time',
    // PL/pgSQL keeps each statement's plan for the session, so a write costs its execution, not
    // a parse and plan of these statements every time (the gateway's hottest statements).
    sql: `
      -- New cases from one JSON array: each case row, its vendor calls (attempt 0, in routing order),
      -- its first decision and its pending poll. One statement: a case is stored whole or not at all,
      -- and the cases of one array land together. Cases keep the array's order in seq.
      CREATE FUNCTION ekyc_insert_cases(doc jsonb) RETURNS int LANGUAGE plpgsql AS $fn$
      DECLARE
        n int;
      BEGIN
        WITH input AS (
          SELECT c.*, e.ord
          FROM jsonb_array_elements(doc) WITH ORDINALITY AS e(item, ord),
               jsonb_to_record(e.item) AS c(id uuid, owner text, case_no text, input_hash text, country text,
                 document_type text, face_signature_id text, image_hashes jsonb, vendor_signals jsonb, outcome text,
                 created_at timestamptz, next_poll_at timestamptz, calls jsonb, decision jsonb)
        ), cases AS (
          INSERT INTO identities (id, owner, case_no, input_hash, country, document_type, face_signature_id,
            image_hashes, vendor_signals, outcome, created_at, updated_at)
          SELECT i.id, i.owner, i.case_no, i.input_hash, i.country, i.document_type, i.face_signature_id,
            i.image_hashes, i.vendor_signals, i.outcome, i.created_at, i.created_at
          FROM input i ORDER BY i.ord
          RETURNING identities.id
        ), calls AS (
          INSERT INTO vendor_calls (identity_id, attempt, position, vendor, status, latency_ms, error_code, message, reference, called_at)
          SELECT i.id, 0, (e.ord - 1)::int, v.vendor, v.status, v.latency_ms, v.error_code, v.message, v.reference, i.created_at
          FROM input i JOIN cases k ON k.id = i.id,
               jsonb_array_elements(i.calls) WITH ORDINALITY AS e(item, ord),
               jsonb_to_record(e.item) AS v(vendor text, status text, latency_ms int, error_code text, message text, reference text)
        ), first_decisions AS (
          INSERT INTO decisions (identity_id, seq, outcome, reasons, policy_version, facts, decided_at, decided_by, note)
          SELECT i.id, 1, d.outcome, d.reasons, d.policy_version, d.facts, d.decided_at, d.decided_by, d.note
          FROM input i JOIN cases k ON k.id = i.id,
               jsonb_to_record(i.decision) AS d(outcome text, reasons jsonb, policy_version text, facts jsonb,
                 decided_at timestamptz, decided_by text, note text)
        ), polls AS (
          INSERT INTO pending_polls (identity_id, next_poll_at, started_at)
          SELECT i.id, i.next_poll_at, i.created_at FROM input i JOIN cases k ON k.id = i.id
          WHERE i.next_poll_at IS NOT NULL
        )
        SELECT count(*)::int INTO n FROM cases;
        RETURN n;
      END $fn$;

      -- Idempotency claims from one JSON array; returns the keys that were free (now claimed).
      CREATE FUNCTION ekyc_claim_cases(doc jsonb) RETURNS TABLE (owner text, case_no text) LANGUAGE plpgsql AS $fn$
      BEGIN
        RETURN QUERY
          INSERT INTO case_claims AS cc (owner, case_no, input_hash, claimed_at)
          SELECT c.owner, c.case_no, c.input_hash, c.claimed_at
          FROM jsonb_to_recordset(doc) AS c(owner text, case_no text, input_hash text, claimed_at timestamptz)
          -- In key order: two batches claiming the same keys never wait on each other in a cycle.
          ORDER BY c.owner, c.case_no
          ON CONFLICT ON CONSTRAINT case_claims_pkey DO NOTHING
          RETURNING cc.owner, cc.case_no;
      END $fn$;
    `,
  },
  {
    version: 5,
    name: 'claims commit without waiting for the WAL flush; a new case records its claim',
    // A claim only keeps two requests for one caseNo from calling the vendors twice: its batch commits
    // without waiting for the disk, which saves a sync on the path before any vendor is called. A
    // database crash or failover can then lose recent claims while the gateway keeps running, and a
    // verification whose claim was lost may still write its case: so the case's statement writes its
    // claim too (with the case's input), and a case never stands without the claim that makes a
    // repeat find it. The case commits synchronously, which flushes the WAL up to it.
    sql: `
      CREATE OR REPLACE FUNCTION ekyc_claim_cases(doc jsonb) RETURNS TABLE (owner text, case_no text) LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM set_config('synchronous_commit', 'off', true);
        RETURN QUERY
          INSERT INTO case_claims AS cc (owner, case_no, input_hash, claimed_at)
          SELECT c.owner, c.case_no, c.input_hash, c.claimed_at
          FROM jsonb_to_recordset(doc) AS c(owner text, case_no text, input_hash text, claimed_at timestamptz)
          -- In key order: two batches claiming the same keys never wait on each other in a cycle.
          ORDER BY c.owner, c.case_no
          ON CONFLICT ON CONSTRAINT case_claims_pkey DO NOTHING
          RETURNING cc.owner, cc.case_no;
      END $fn$;

      CREATE OR REPLACE FUNCTION ekyc_insert_cases(doc jsonb) RETURNS int LANGUAGE plpgsql AS $fn$
      DECLARE
        n int;
      BEGIN
        WITH input AS (
          SELECT c.*, e.ord
          FROM jsonb_array_elements(doc) WITH ORDINALITY AS e(item, ord),
               jsonb_to_record(e.item) AS c(id uuid, owner text, case_no text, input_hash text, country text,
                 document_type text, face_signature_id text, image_hashes jsonb, vendor_signals jsonb, outcome text,
                 created_at timestamptz, next_poll_at timestamptz, calls jsonb, decision jsonb)
        ), cases AS (
          INSERT INTO identities (id, owner, case_no, input_hash, country, document_type, face_signature_id,
            image_hashes, vendor_signals, outcome, created_at, updated_at)
          SELECT i.id, i.owner, i.case_no, i.input_hash, i.country, i.document_type, i.face_signature_id,
            i.image_hashes, i.vendor_signals, i.outcome, i.created_at, i.created_at
          FROM input i ORDER BY i.ord
          RETURNING identities.id
        ), calls AS (
          INSERT INTO vendor_calls (identity_id, attempt, position, vendor, status, latency_ms, error_code, message, reference, called_at)
          SELECT i.id, 0, (e.ord - 1)::int, v.vendor, v.status, v.latency_ms, v.error_code, v.message, v.reference, i.created_at
          FROM input i JOIN cases k ON k.id = i.id,
               jsonb_array_elements(i.calls) WITH ORDINALITY AS e(item, ord),
               jsonb_to_record(e.item) AS v(vendor text, status text, latency_ms int, error_code text, message text, reference text)
        ), first_decisions AS (
          INSERT INTO decisions (identity_id, seq, outcome, reasons, policy_version, facts, decided_at, decided_by, note)
          SELECT i.id, 1, d.outcome, d.reasons, d.policy_version, d.facts, d.decided_at, d.decided_by, d.note
          FROM input i JOIN cases k ON k.id = i.id,
               jsonb_to_record(i.decision) AS d(outcome text, reasons jsonb, policy_version text, facts jsonb,
                 decided_at timestamptz, decided_by text, note text)
        ), polls AS (
          INSERT INTO pending_polls (identity_id, next_poll_at, started_at)
          SELECT i.id, i.next_poll_at, i.created_at FROM input i JOIN cases k ON k.id = i.id
          WHERE i.next_poll_at IS NOT NULL
        ), claims AS (
          -- Normally the claim is there already, with this input: nothing to write. One lost in a crash
          -- is written again; one taken meanwhile by a request with another input is given the case's.
          INSERT INTO case_claims AS cc (owner, case_no, input_hash, claimed_at)
          SELECT i.owner, i.case_no, i.input_hash, i.created_at FROM input i JOIN cases k ON k.id = i.id
          ORDER BY i.owner, i.case_no
          ON CONFLICT ON CONSTRAINT case_claims_pkey DO UPDATE SET input_hash = EXCLUDED.input_hash
            WHERE cc.input_hash IS DISTINCT FROM EXCLUDED.input_hash
        )
        SELECT count(*)::int INTO n FROM cases;
        RETURN n;
      END $fn$;
    `,
  },
  {
    version: 6,
    name: 'every re-poll call on record, counted or not',
    // The audit trail holds every call made to a vendor: also a re-poll that found the job still pending,
    // one that brought no news (an outage, a deadline) and one whose answer came after the wait had
    // ended. Only the calls taken into the case give its vendors' latest results.
    sql: `
      -- false: the call's answer was not taken into the case (no news, or the wait had already ended).
      ALTER TABLE vendor_calls ADD COLUMN counted boolean NOT NULL DEFAULT true;
    `,
  },
  {
    version: 7,
    name: 'a secret shared by every replica, for listing cursors',
    sql: `
      CREATE TABLE gateway_secrets (
        name text PRIMARY KEY,
        secret bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- 32 bytes, 244 bits of them from the server's strong random source (gen_random_uuid); made once, for all replicas.
      INSERT INTO gateway_secrets (name, secret)
        VALUES ('listing-cursor', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
    `,
  },
];
