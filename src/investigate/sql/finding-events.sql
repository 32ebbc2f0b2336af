-- The lifecycle events that findings about the sessions in view name (a login after
-- offboarding names an event from before the session began), given as a JSON list of ids.
INSERT INTO focus_events
SELECT unnest(from_json($ids, '["VARCHAR"]'))
