/**
 * Connected components, for clusters: cases are nodes, a strong identifier two
 * cases share is an edge. Pure; the service feeds it rows.
 */
export class DisjointSets<Node> {
  private readonly parent = new Map<Node, Node>();
  private readonly rank = new Map<Node, number>();

  add(node: Node): void {
    if (!this.parent.has(node)) {
      this.parent.set(node, node);
      this.rank.set(node, 0);
    }
  }

  find(node: Node): Node {
    this.add(node);
    let root = node;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression: later finds are near constant time.
    for (let current = node; current !== root;) {
      const next = this.parent.get(current)!;
      this.parent.set(current, root);
      current = next;
    }
    return root;
  }

  union(a: Node, b: Node): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    const rankA = this.rank.get(rootA)!;
    const rankB = this.rank.get(rootB)!;
    if (rankA < rankB) this.parent.set(rootA, rootB);
    else if (rankA > rankB) this.parent.set(rootB, rootA);
    else {
      this.parent.set(rootB, rootA);
      this.rank.set(rootA, rankA + 1);
    }
  }

  /** Every component, as lists of its nodes. */
  components(): Node[][] {
    const byRoot = new Map<Node, Node[]>();
    for (const node of this.parent.keys()) {
      const root = this.find(node);
      const members = byRoot.get(root);
      if (members) members.push(node);
      else byRoot.set(root, [node]);
    }
    return [...byRoot.values()];
  }
}

/** Components of cases linked by shared keys (identifier hashes). */
export function componentsOf<Case>(cases: readonly Case[], keysOf: (member: Case) => Iterable<string>): Case[][] {
  const sets = new DisjointSets<number>();
  const firstHolder = new Map<string, number>();
  cases.forEach((member, index) => {
    sets.add(index);
    for (const key of keysOf(member)) {
      const holder = firstHolder.get(key);
      if (holder === undefined) firstHolder.set(key, index);
      else sets.union(holder, index);
    }
  });
  return sets.components().map((component) => component.sort((a, b) => a - b).map((index) => cases[index]!));
}
