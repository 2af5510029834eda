// French typography: a space before « : ; ! ? % » and inside « guillemets » must never break, or a
// narrow window leaves a "%" or a ":" alone at the start of a line. The texts are written with
// ordinary spaces; this makes those no-break spaces (narrow before ; ! ? % and inside guillemets,
// full before the colon, as the French printing rules have them).

const NARROW = '\u202f';
const FULL = '\u00a0';

/** One French text with its no-break spaces. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ :/g, `${FULL}:`)
    .replace(/ ([;!?%»])/g, `${NARROW}$1`)
    .replace(/« /g, `«${NARROW}`);
}

/** Every text of a message tree, with its no-break spaces. */
export function frenchSpacingTree<T>(tree: T): T {
  if (typeof tree === 'string') return frenchSpacing(tree) as T;
  if (tree && typeof tree === 'object') return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, frenchSpacingTree(v)])) as T;
  return tree;
}
