-- Up Migration
-- The waits and service times of each rollup group, packed: 4 bytes per value (int4send, big-endian)
-- in one bytea instead of an int[] (which costs 4 more bytes per value on the wire and a parse per
-- element). A report fetches a range's values per group in one string_agg and computes the exact
-- medians and nearest-rank p90s itself (hub/percentiles.ts): the same figures, without PostgreSQL
-- sorting every value of a year once per grouping set (docs/hub.md, "Reports at the hub").
ALTER TABLE daily_rollup ADD COLUMN wait_values bytea, ADD COLUMN service_values bytea;
UPDATE daily_rollup SET
  wait_values = coalesce((SELECT string_agg(int4send(w), ''::bytea ORDER BY w) FROM unnest(waits) w), ''::bytea),
  service_values = coalesce((SELECT string_agg(int4send(s), ''::bytea ORDER BY s) FROM unnest(service_times) s), ''::bytea);
ALTER TABLE daily_rollup ALTER COLUMN wait_values SET NOT NULL, ALTER COLUMN service_values SET NOT NULL;
ALTER TABLE daily_rollup DROP COLUMN waits, DROP COLUMN service_times;

-- Down Migration
ALTER TABLE daily_rollup ADD COLUMN waits integer[], ADD COLUMN service_times integer[];
UPDATE daily_rollup SET
  waits = coalesce((SELECT array_agg(get_byte(wait_values, i) << 24 | get_byte(wait_values, i + 1) << 16 | get_byte(wait_values, i + 2) << 8 | get_byte(wait_values, i + 3) ORDER BY i)
    FROM generate_series(0, length(wait_values) - 4, 4) i), '{}'),
  service_times = coalesce((SELECT array_agg(get_byte(service_values, i) << 24 | get_byte(service_values, i + 1) << 16 | get_byte(service_values, i + 2) << 8 | get_byte(service_values, i + 3) ORDER BY i)
    FROM generate_series(0, length(service_values) - 4, 4) i), '{}');
ALTER TABLE daily_rollup ALTER COLUMN waits SET NOT NULL, ALTER COLUMN service_times SET NOT NULL;
ALTER TABLE daily_rollup DROP COLUMN wait_values, DROP COLUMN service_values;
