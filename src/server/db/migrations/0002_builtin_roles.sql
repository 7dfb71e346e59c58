-- The built-in roles. Administrators may edit their permissions; later modules add theirs by migration.
INSERT INTO roles (code, name_zh, name_en, built_in, permissions) VALUES
  ('admin', '系统管理员', 'System administrator', true,
    ARRAY['areas.read','areas.write','areas.import','users.read','users.write','roles.write','audit.read']),
  ('command', '指挥部', 'Command center', true,
    ARRAY['areas.read','areas.write','users.read','users.write','audit.read']),
  ('cadre', '村/社区干部', 'Village or community cadre', true,
    ARRAY['areas.read','areas.write','users.read']),
  ('grid_worker', '网格员', 'Grid worker', true,
    ARRAY['areas.read']),
  ('doctor', '村医', 'Village doctor', true,
    ARRAY['areas.read']),
  ('sampler', '采样人员', 'Sampling staff', true,
    ARRAY['areas.read']),
  ('volunteer', '志愿者', 'Volunteer', true,
    ARRAY['areas.read']);
