-- Up Migration
-- The province catalog (core/hub-catalog.ts): every version published by a hub admin, kept whole;
-- what each site did with the latest version it saw (applied, or refused with its reason); and the
-- hub's audit log (who published what, what each site answered).

CREATE TABLE catalog_versions (
  version serial PRIMARY KEY,
  catalog jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text NOT NULL
);

CREATE TABLE site_catalog (
  site_code text PRIMARY KEY REFERENCES sites (code),
  version integer NOT NULL REFERENCES catalog_versions (version),
  status text NOT NULL CHECK (status IN ('applied', 'refused')),
  reason jsonb,
  reported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail jsonb
);

-- Down Migration
DROP TABLE hub_audit;
DROP TABLE site_catalog;
DROP TABLE catalog_versions;
