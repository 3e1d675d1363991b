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
];
