-- Up Migration
-- The monthly rollup: the daily rollup's figures summed per site, month (its first day), department,
-- service and officer, with the month's waits and service times (packed like the daily ones, merged
-- and sorted). Kept by the ingestion from the daily rollup in the same transaction
-- (hub/rollup.ts); a report takes the whole months of its range from here and only the days at its
-- edges from the daily rollup (hub/report-rollup.ts): a province's year is ~30 × fewer rows.

CREATE TABLE monthly_rollup (
  site_code text NOT NULL REFERENCES sites (code),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
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
  wait_values bytea NOT NULL,
  service_values bytea NOT NULL,
  PRIMARY KEY (site_code, month, department_code, service_code, officer_id)
);
CREATE INDEX monthly_rollup_month_site ON monthly_rollup (month, site_code);

-- A hub upgraded with data: its months, built once (the statement is hub/rollup.ts's REBUILD_MONTHLY):
-- the month's values merged and sorted (big-endian 4-byte chunks compare as bytes in numeric order).
INSERT INTO monthly_rollup
  SELECT m.*,
    (SELECT coalesce(string_agg(substr(d.wait_values, i, 4), ''::bytea ORDER BY substr(d.wait_values, i, 4)), ''::bytea)
      FROM daily_rollup d, generate_series(1, length(d.wait_values), 4) i
      WHERE d.site_code = m.site_code AND d.day >= m.month AND d.day < m.month + interval '1 month'
        AND d.department_code = m.department_code AND d.service_code = m.service_code AND d.officer_id = m.officer_id),
    (SELECT coalesce(string_agg(substr(d.service_values, i, 4), ''::bytea ORDER BY substr(d.service_values, i, 4)), ''::bytea)
      FROM daily_rollup d, generate_series(1, length(d.service_values), 4) i
      WHERE d.site_code = m.site_code AND d.day >= m.month AND d.day < m.month + interval '1 month'
        AND d.department_code = m.department_code AND d.service_code = m.service_code AND d.officer_id = m.officer_id)
  FROM (SELECT site_code, date_trunc('month', day)::date AS month, department_code, service_code, officer_id,
      max(department_name), max(service_name), max(officer_name),
      sum(issued), sum(served), sum(no_show), sum(cancelled), sum(expired), sum(transferred),
      sum(wait_count), sum(wait_sum), sum(svc_count), sum(svc_sum), sum(within), sum(unanswered),
      sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(d_rated), sum(d_satisfied)
    FROM daily_rollup
    GROUP BY site_code, date_trunc('month', day), department_code, service_code, officer_id) m;

-- Down Migration
DROP TABLE monthly_rollup;
