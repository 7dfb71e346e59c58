/**
 * The command module's public face (指挥部的常设机构, issue 18 point 6): nothing yet beyond its routes, which app.ts
 * registers from routes.ts; open work is read through the task inbox's face.
 */
export {};
