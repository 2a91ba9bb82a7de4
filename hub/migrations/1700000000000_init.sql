-- Up Migration
-- The province hub's store. One row per site record key (the latest revision wins), the floor
-- summary of each site (latest wins), the sites and their credentials, and the hub's own users.
-- Sizing and the plan for a country's volume: docs/hub.md.

CREATE TABLE sites (
  code text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- sha256 of the secret part of the site's credential; null until the site has enrolled
  credential_hash text,
  enrolled_at timestamptz,
  -- sha256 of the one-time enrolment token; cleared when used
  enrolment_hash text UNIQUE,
  enrolment_expires_at timestamptz,
  revoked_at timestamptz,
  last_contact_at timestamptz
);

CREATE TABLE hub_users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub_sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES hub_users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

-- The columns a report groups and filters by are copied out of the record; the record itself is
-- kept whole in body. A key always belongs to one day (it is the ticket's id), so (site, key)
-- stays unique if the table is later partitioned by day (docs/hub.md).
CREATE TABLE records (
  site_code text NOT NULL REFERENCES sites (code),
  key text NOT NULL,
  revision integer NOT NULL,
  day date NOT NULL,
  issued_at timestamptz NOT NULL,
  department_code text NOT NULL,
  department_name text NOT NULL,
  service_code text NOT NULL,
  service_name text NOT NULL,
  officer_id text,
  officer_name text,
  counter integer,
  outcome text NOT NULL,
  transfers smallint NOT NULL DEFAULT 0,
  waiting_seconds integer,
  service_seconds integer,
  target_wait_seconds integer,
  rated boolean NOT NULL DEFAULT false,
  score smallint,
  dossier_codes text[] NOT NULL DEFAULT '{}',
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_code, key)
);
-- Every report is a day range, optionally narrowed to sites: (day, site) serves both.
CREATE INDEX records_day_site ON records (day, site_code);

CREATE TABLE floor (
  site_code text PRIMARY KEY REFERENCES sites (code),
  at bigint NOT NULL,
  summary jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE floor;
DROP TABLE records;
DROP TABLE hub_sessions;
DROP TABLE hub_users;
DROP TABLE sites;
