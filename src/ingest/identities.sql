-- Identity across sources (config `identities`): one person known by different ids in
-- different providers becomes one subject. Input: temp table identity_aliases(alias, subject_id),
-- filled from the config with bound values. Exact, case-sensitive matches only.
-- A rewritten subject keeps the id it had in its source as attributes.source_subject_id, so
-- the evidence still shows what the log said.

UPDATE sessions SET subject_id = a.subject_id,
  attributes = json_merge_patch(coalesce(sessions.attributes, '{}'), json_object('source_subject_id', sessions.subject_id))
FROM identity_aliases a WHERE sessions.subject_id = a.alias;

UPDATE sessions SET owner_id = a.subject_id
FROM identity_aliases a WHERE sessions.owner_id = a.alias;

UPDATE access_events SET subject_id = a.subject_id,
  attributes = json_merge_patch(coalesce(access_events.attributes, '{}'), json_object('source_subject_id', access_events.subject_id))
FROM identity_aliases a WHERE access_events.subject_id = a.alias;

UPDATE session_ends SET subject_id = a.subject_id,
  attributes = json_merge_patch(coalesce(session_ends.attributes, '{}'), json_object('source_subject_id', session_ends.subject_id))
FROM identity_aliases a WHERE session_ends.subject_id = a.alias;

UPDATE lifecycle_events SET subject_id = a.subject_id,
  attributes = json_merge_patch(coalesce(lifecycle_events.attributes, '{}'), json_object('source_subject_id', lifecycle_events.subject_id))
FROM identity_aliases a WHERE lifecycle_events.subject_id = a.alias;

UPDATE lifecycle_events SET actor_id = a.subject_id
FROM identity_aliases a WHERE lifecycle_events.actor_id = a.alias;

UPDATE revocations SET subject_id = a.subject_id,
  attributes = json_merge_patch(coalesce(revocations.attributes, '{}'), json_object('source_subject_id', revocations.subject_id))
FROM identity_aliases a WHERE revocations.subject_id = a.alias;

UPDATE revocations SET actor_id = a.subject_id
FROM identity_aliases a WHERE revocations.actor_id = a.alias;

DROP TABLE identity_aliases;
