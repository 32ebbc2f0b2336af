-- Helpers shared by the ingest mappings. Pure functions of their arguments.

-- A JSON pointer for one top-level key (RFC 6901 escaping of ~ and /).
CREATE OR REPLACE MACRO ra_ptr(k) AS '/' || replace(replace(k, '~', '~0'), '/', '~1');

-- A time as the native format allows it (DESIGN.md "Native record format"):
-- RFC 3339 with an offset (Z, +02:00, +0200, +02; 'T' or space between date and time),
-- or an epoch number (>= 1e11 means milliseconds, else seconds). Anything else is NULL,
-- which the mapping turns into a quarantine reason. A time without an offset is NULL.
CREATE OR REPLACE MACRO ra_ts(v) AS CASE
  WHEN v IS NULL THEN NULL
  WHEN regexp_full_match(v, '-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?') THEN
    CASE WHEN abs(v::DOUBLE) >= 1e11
      THEN to_timestamp(0) + to_microseconds(round(v::DOUBLE * 1000)::BIGINT)
      ELSE to_timestamp(0) + to_microseconds(round(v::DOUBLE * 1000000)::BIGINT)
    END
  WHEN regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)')
    THEN try_cast(upper(v) AS TIMESTAMPTZ)
  ELSE NULL
END;

-- A record parsed once: its top-level keys mapped to their JSON values
-- (json_transform(rec, '"MAP(VARCHAR, JSON)"')). Reading fields from the map avoids
-- parsing the record again for each field.

-- A JSON value as text: a string unquoted (the common case, without escapes, by slicing),
-- a number or object as its JSON, a JSON null as NULL; blank is absent.
CREATE OR REPLACE MACRO ra_jstr(j) AS nullif(trim(CASE
  WHEN j IS NULL THEN NULL
  WHEN starts_with(j::VARCHAR, '"') AND NOT contains(j::VARCHAR, '\') THEN (j::VARCHAR)[2:-2]
  ELSE json_extract_string(j, '$')
END), '');

-- A field as text: a JSON string unquoted, a number or object as its JSON; blank is absent.
CREATE OR REPLACE MACRO ra_field(m, k) AS nullif(trim(json_extract_string(m[k], '$')), '');

-- The sha256 of the record's canonical JSON, the event_id of a record without one
-- (DESIGN.md): top-level keys sorted, no whitespace, values as parsed; null-valued keys
-- are left out, so a CSV row and a JSON line of the same record agree.
CREATE OR REPLACE MACRO ra_content_id(m) AS sha256('{' || array_to_string(list_transform(
    list_sort(list_filter(map_entries(m), lambda e: e.value::VARCHAR <> 'null')),
    lambda e: to_json(e.key)::VARCHAR || ':' || e.value::VARCHAR), ',') || '}');

-- A JSON object from a list of {key, value: JSON} entries, keys sorted; NULL when empty.
CREATE OR REPLACE MACRO ra_object(entries) AS CASE WHEN len(entries) > 0 THEN json('{' ||
  array_to_string(list_transform(list_sort(entries), lambda e: to_json(e.key)::VARCHAR || ':' || e.value::VARCHAR), ',')
  || '}') END;

-- The record's fields other than `known` (and not null), as a JSON object; NULL when none.
CREATE OR REPLACE MACRO ra_attributes(m, known) AS ra_object(
  list_filter(map_entries(m), lambda e: NOT list_contains(known, e.key) AND e.value::VARCHAR <> 'null'));

-- An empty or blank string is the same as an absent field.
CREATE OR REPLACE MACRO ra_str(v) AS nullif(trim(v), '');

-- ISO 8601 text of an instant in UTC, the form every report uses. Converted to UTC wall
-- time explicitly, so a rule gives the same text in a DuckDB CLI set to another time zone.
CREATE OR REPLACE MACRO ra_iso(t) AS CASE
  WHEN t IS NULL THEN NULL
  WHEN microsecond(t) % 1000000 = 0 THEN strftime(t::TIMESTAMPTZ AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')
  ELSE strftime(t::TIMESTAMPTZ AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ')
END;

CREATE OR REPLACE MACRO ra_seconds(s) AS to_microseconds(round(s * 1000000)::BIGINT);

-- One evidence item: which row of which table proves a finding.
CREATE OR REPLACE MACRO ra_evidence(tbl, id, file, line) AS
  {'table': tbl, 'event_id': id, 'source_file': file, 'source_line': line};
