-- A grid worker or sampler rings the person a home-sampling or retest task is about: the card's call button
-- reveals the full number for that call (each call one audited reveal). They hold no residents.reveal, so the
-- right to call is its own permission, which an administrator may take from a role. The roles that create
-- grid workers and samplers (admin, command) hold it too: a role is granted only by someone holding all of it.
UPDATE roles SET permissions = permissions || ARRAY['tasks.call']
  WHERE code IN ('grid_worker', 'sampler', 'admin', 'command') AND NOT 'tasks.call' = ANY(permissions);
