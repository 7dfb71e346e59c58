/**
 * The area tree over home and post paths, numbered as they are met: node 0 is the root above all paths and
 * `parent[n]` is a node's parent (-1 for the root). The lower bound and the class search both cost trips on it.
 */
export function areaNodes() {
  const nodeOf = new Map<string, number>([['', 0]]);
  const parent: number[] = [-1];
  /** The node of a path (its segments), adding it and the nodes above it when new. */
  const node = (path: string[]) => {
    let at = 0;
    for (let k = 1; k <= path.length; k++) {
      const key = path.slice(0, k).join('/');
      let n = nodeOf.get(key);
      if (n === undefined) {
        n = parent.length;
        nodeOf.set(key, n);
        parent.push(at);
      }
      at = n;
    }
    return at;
  };
  return { node, parent };
}
