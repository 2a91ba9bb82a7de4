-- Up Migration
-- The sites' bookings (core/hub-bookings.ts): one row per (site, booking code), the highest revision
-- wins, as for records. What the province counts is copied out (day, service, state, the slot and
-- the booked ticket's times); the version as it came (already stripped of anything the hub does not
-- know) is kept in body. No phone, name or ID number: the sites never send them (docs/hub.md).
-- A booking moved to another day keeps its key, so this table is not partitioned by day; it is a
-- small fraction of the records (a booking per few tickets), and (day, site) serves every report.

CREATE TABLE bookings (
  site_code text NOT NULL REFERENCES sites (code),
  key text NOT NULL,
  revision integer NOT NULL,
  day date NOT NULL,
  slot_start timestamptz NOT NULL,
  slot_end timestamptz NOT NULL,
  department_code text NOT NULL,
  department_name text NOT NULL,
  service_code text NOT NULL,
  service_name text NOT NULL,
  procedure_code text,
  status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked-in', 'no-show')),
  source text NOT NULL,
  ticket_number text,
  ticket_issued_at timestamptz,
  ticket_called_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_code, key)
);
CREATE INDEX bookings_day_site ON bookings (day, site_code);

-- Down Migration
DROP TABLE bookings;
