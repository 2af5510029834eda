// Where a run computes, as the engines describe it (in English, and recorded so with every run),
// written in the interface's language: "CPU (WASM, SIMD, 1 thread; …, 2 cores)" reads
// "CPU (WASM, SIMD, 1 fil ; …, 2 cœurs)" in French. Names of products and processors are kept.

const french: [RegExp, (...groups: string[]) => string][] = [
  [/\b(\d+) threads?\b/g, (n) => `${n} ${n === '1' ? 'fil' : 'fils'}`],
  [/\b(\d+) cores?\b/g, (n) => `${n} ${n === '1' ? 'cœur' : 'cœurs'}`],
  [/\b(\d+) processes\b/g, (n) => `${n} processus`],
  [/\bpure JavaScript\b/g, () => 'JavaScript pur'],
  [/\bnative libtensorflow\b/g, () => 'libtensorflow natif'],
  [/\bCUDA via libtensorflow\b/g, () => 'CUDA par libtensorflow'],
  [/\bunknown CPU\b/g, () => 'processeur inconnu'],
  [/\bApple GPU\b/g, () => 'GPU Apple'],
  [/(\d) GiB\b/g, (d) => `${d} Gio`],
  [/;/g, () => '\u00a0;'],
];

export function deviceText(device: string, language: string): string {
  if (!language.startsWith('fr')) return device;
  return french.reduce(
    (text, [pattern, write]) =>
      text.replace(pattern, (_match, ...groups: unknown[]) => write(...(groups.filter((g) => typeof g === 'string') as string[]))),
    device,
  );
}
