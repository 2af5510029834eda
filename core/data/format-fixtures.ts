// Files in the tar and CIFAR binary formats, written byte by byte for the tests.

function tarHeader(name: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number) => h.set(Buffer.from(s, 'latin1'), at);
  put(name, 0);
  put('0000644\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(size.toString(8).padStart(11, '0') + '\0', 124);
  put('00000000000\0', 136);
  put('        ', 148);
  h[156] = 0x30;
  put('ustar\0', 257);
  put('00', 263);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** A tar archive (ustar) of the given files. */
export function tar(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { name, data } of files) {
    parts.push(tarHeader(name, data.length), data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return Buffer.concat(parts);
}

/** CIFAR records: label byte(s) then red, green, blue planes of 32×32; red = 10 × label, green = index, blue = 7. */
export function cifarBatch(count: number, classes: number, labelBytes: 1 | 2, first = 0): Uint8Array {
  const record = labelBytes + 3072;
  const out = new Uint8Array(count * record);
  for (let i = 0; i < count; i++) {
    const label = (first + i) % classes;
    const at = i * record;
    if (labelBytes === 2) out[at] = label % 20;
    out[at + labelBytes - 1] = label;
    out.fill((10 * label) % 256, at + labelBytes, at + labelBytes + 1024);
    out.fill((first + i) % 256, at + labelBytes + 1024, at + labelBytes + 2048);
    out.fill(7, at + labelBytes + 2048, at + record);
  }
  return out;
}
