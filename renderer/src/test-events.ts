// An event of a fake API, for the renderer's tests: the page subscribes to it as to the host's.

/** An `on…` method that keeps its one listener (and gives back the unsubscribe), and `fire`, which sends that listener an update as the host would. */
export function fakeEvent<Update>() {
  let listener: ((update: Update) => void) | undefined;
  return {
    on: (l: (update: Update) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
    fire: (update: Update) => listener?.(update),
  };
}
