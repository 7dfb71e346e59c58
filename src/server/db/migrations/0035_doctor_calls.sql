-- A fever alert's task goes to the village doctor too, and the card now names the person: the doctor rings them
-- first, so the doctor may call like the grid worker (each call one audited reveal of the number). The roles that
-- create doctors (admin, command) already hold tasks.call (0031), so they can still grant the role.
UPDATE roles SET permissions = permissions || ARRAY['tasks.call']
  WHERE code = 'doctor' AND NOT 'tasks.call' = ANY(permissions);
