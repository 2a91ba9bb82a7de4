-- Up Migration
-- The daily rollup: one row per site, day, department, service and officer (no officer: ''), with the
-- counts and sums of the report's figures and the waits and service times themselves (sorted int
-- arrays), so the exact median and nearest-rank p90 of any range can still be computed. Kept up to
-- date by the ingestion (hub/rollup.ts): a record stored or replaced by a newer revision recomputes
-- its group (and its old group, when the revision moved it) from the records, in the same
-- transaction. Reports read this table, ~40 × fewer rows than records for a province's year
-- (docs/hub.md).

CREATE TABLE daily_rollup (
  site_code text NOT NULL REFERENCES sites (code),
  day date NOT NULL,
  department_code text NOT NULL,
  service_code text NOT NULL,
  officer_id text NOT NULL,
  department_name text NOT NULL,
  service_name text NOT NULL,
  officer_name text,
  issued integer NOT NULL,
  served integer NOT NULL,
  no_show integer NOT NULL,
  cancelled integer NOT NULL,
  expired integer NOT NULL,
  transferred integer NOT NULL,
  wait_count integer NOT NULL,
  wait_sum bigint NOT NULL,
  svc_count integer NOT NULL,
  svc_sum bigint NOT NULL,
  within integer NOT NULL,
  unanswered integer NOT NULL,
  s1 integer NOT NULL, s2 integer NOT NULL, s3 integer NOT NULL, s4 integer NOT NULL, s5 integer NOT NULL,
  d_rated integer NOT NULL,
  d_satisfied integer NOT NULL,
  waits integer[] NOT NULL,
  service_times integer[] NOT NULL,
  PRIMARY KEY (site_code, day, department_code, service_code, officer_id)
);
CREATE INDEX daily_rollup_day_site ON daily_rollup (day, site_code);

-- Records already there (a hub upgraded with data): their rollup, built once.
INSERT INTO daily_rollup
SELECT site_code, day, department_code, service_code, coalesce(officer_id, ''),
  max(department_name), max(service_name), max(officer_name),
  count(*), count(*) FILTER (WHERE outcome = 'served'), count(*) FILTER (WHERE outcome = 'no-show'),
  count(*) FILTER (WHERE outcome = 'cancelled'), count(*) FILTER (WHERE outcome = 'expired'), count(*) FILTER (WHERE transfers > 0),
  count(waiting_seconds), coalesce(sum(waiting_seconds), 0), count(service_seconds), coalesce(sum(service_seconds), 0),
  count(*) FILTER (WHERE waiting_seconds <= coalesce(target_wait_seconds, 2147483647)),
  count(*) FILTER (WHERE rated AND score IS NULL),
  count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2), count(*) FILTER (WHERE score = 3),
  count(*) FILTER (WHERE score = 4), count(*) FILTER (WHERE score = 5),
  count(*) FILTER (WHERE score IS NOT NULL AND cardinality(dossier_codes) > 0),
  count(*) FILTER (WHERE score >= 4 AND cardinality(dossier_codes) > 0),
  coalesce(array_agg(waiting_seconds ORDER BY waiting_seconds) FILTER (WHERE waiting_seconds IS NOT NULL), '{}'),
  coalesce(array_agg(service_seconds ORDER BY service_seconds) FILTER (WHERE service_seconds IS NOT NULL), '{}')
FROM records
GROUP BY site_code, day, department_code, service_code, coalesce(officer_id, '');

-- Down Migration
DROP TABLE daily_rollup;
