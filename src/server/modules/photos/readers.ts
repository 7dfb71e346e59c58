/**
 * Who may see a bound photo beyond its area: the permission that reads the record it proves. A doorstep photo of a
 * help delivery is for those who read help requests, not for every signed-in user whose area covers the door. Each
 * owning module registers its kinds at start (like the inbox's `registerSubjectPerson`); a kind nobody registered
 * is seen by area alone.
 */
const readers = new Map<string, string>();

export function registerPhotoReader(owner: string, permission: string): void {
  readers.set(owner, permission);
}

export function mayReadPhoto(owner: string | null, permissions: ReadonlySet<string>): boolean {
  const need = owner ? readers.get(owner) : undefined;
  return !need || permissions.has(need);
}
