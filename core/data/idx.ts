// The IDX format of MNIST, Fashion-MNIST, EMNIST, KMNIST…: a 4-byte magic number (two zero bytes,
// the element type, the number of dimensions), each dimension as a big-endian 32-bit count, then
// the elements row-major. Images and labels are unsigned bytes. Browser-safe: works on bytes.
import { DataError } from './types';

export interface IdxArray {
  /** Dimensions, e.g. [60000, 28, 28] for images or [60000] for labels. */
  dims: number[];
  /** The elements (unsigned bytes), a view on the file's bytes. */
  data: Uint8Array;
}

const typeNames: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'short',
  0x0c: 'int',
  0x0d: 'float',
  0x0e: 'double',
};

const n = (x: number, lang: 'en' | 'fr') => x.toLocaleString(lang);

/** Parses one IDX file of unsigned bytes; `file` names it in errors, which give the byte at fault. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DataError({
      en: `${file} is not an IDX file: it must start with the bytes 00 00 (bytes 0–1) but starts with ${head || 'nothing (the file is empty)'}. If it ends in .gz it may be damaged; download it again.`,
      fr: `${file} n’est pas un fichier IDX : il doit commencer par les octets 00 00 (octets 0–1) mais commence par ${head || 'rien (le fichier est vide)'}. S’il finit par .gz il est peut-être abîmé ; téléchargez-le à nouveau.`,
    });
  }
  const type = bytes[2];
  if (type !== 0x08) {
    const name = typeNames[type];
    throw new DataError({
      en: `${file} holds ${name ? `${name} values` : `an unknown element type 0x${type.toString(16)}`} (byte 2); images and labels must be unsigned bytes (0x08).`,
      fr: `${file} contient ${name ? `des valeurs de type ${name}` : `un type d’éléments inconnu 0x${type.toString(16)}`} (octet 2) ; les images et les étiquettes doivent être des octets non signés (0x08).`,
    });
  }
  const rank = bytes[3];
  if (rank < 1 || rank > 4) {
    throw new DataError({
      en: `${file} declares ${rank} dimensions at byte 3; an IDX file of labels has 1, of images 3 (count, rows, columns) or 4 (with channels).`,
      fr: `${file} déclare ${rank} dimensions à l’octet 3 ; un fichier IDX d’étiquettes en a 1, d’images 3 (nombre, lignes, colonnes) ou 4 (avec les canaux).`,
    });
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new DataError({
      en: `${file} is truncated at byte ${n(bytes.length, 'en')}: its header declares ${rank} dimensions and needs ${headerLength} bytes.`,
      fr: `${file} est tronqué à l’octet ${n(bytes.length, 'fr')} : son en-tête déclare ${rank} dimensions et demande ${headerLength} octets.`,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const elements = dims.reduce((a, b) => a * b, 1);
  const expected = headerLength + elements;
  if (bytes.length < expected) {
    throw new DataError({
      en: `${file} is truncated: its header promises ${dims.join(' × ')} = ${n(elements, 'en')} values, ${n(expected, 'en')} bytes in all, but the file ends at byte ${n(bytes.length, 'en')} (in item ${n(Math.floor((bytes.length - headerLength) / Math.max(1, elements / Math.max(1, dims[0]))), 'en')}). Download or copy it again.`,
      fr: `${file} est tronqué : son en-tête annonce ${dims.join(' × ')} = ${n(elements, 'fr')} valeurs, ${n(expected, 'fr')} octets en tout, mais le fichier s’arrête à l’octet ${n(bytes.length, 'fr')} (dans l’élément ${n(Math.floor((bytes.length - headerLength) / Math.max(1, elements / Math.max(1, dims[0]))), 'fr')}). Téléchargez-le ou copiez-le à nouveau.`,
    });
  }
  if (bytes.length > expected) {
    throw new DataError({
      en: `${file} does not match its header: ${dims.join(' × ')} values end at byte ${n(expected, 'en')}, but the file goes on to byte ${n(bytes.length, 'en')}. It may be another file renamed, or its header is wrong.`,
      fr: `${file} ne correspond pas à son en-tête : ${dims.join(' × ')} valeurs s’arrêtent à l’octet ${n(expected, 'fr')}, mais le fichier continue jusqu’à l’octet ${n(bytes.length, 'fr')}. C’est peut-être un autre fichier renommé, ou son en-tête est faux.`,
    });
  }
  return { dims, data: bytes.subarray(headerLength, expected) };
}

/** Writes an IDX file of unsigned bytes (used to save data sets and in tests). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, header);
  return out;
}

/** Images and their labels from two IDX files, checked against each other. */
export interface IdxImages {
  /** count × rows × cols × channels grey levels or colour values, 0–255. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
  shape: [number, number, number];
}

/** Pairs an images file with its labels file; errors name both files. */
export function pairIdx(images: IdxArray, imagesFile: string, labels: IdxArray, labelsFile: string): IdxImages {
  if (images.dims.length < 3) {
    throw new DataError({
      en: `${imagesFile} holds ${images.dims.length === 1 ? 'labels' : 'a table'} (${images.dims.join(' × ')}), not images: choose the images file (…-images-idx3-ubyte).`,
      fr: `${imagesFile} contient ${images.dims.length === 1 ? 'des étiquettes' : 'un tableau'} (${images.dims.join(' × ')}), pas des images : choisissez le fichier d’images (…-images-idx3-ubyte).`,
    });
  }
  if (labels.dims.length !== 1) {
    throw new DataError({
      en: `${labelsFile} has ${labels.dims.length} dimensions (${labels.dims.join(' × ')}); a labels file has one (…-labels-idx1-ubyte).`,
      fr: `${labelsFile} a ${labels.dims.length} dimensions (${labels.dims.join(' × ')}) ; un fichier d’étiquettes en a une (…-labels-idx1-ubyte).`,
    });
  }
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DataError({
      en: `${imagesFile} holds ${n(count, 'en')} images but ${labelsFile} ${n(labels.dims[0], 'en')} labels: they must come from the same set.`,
      fr: `${imagesFile} contient ${n(count, 'fr')} images mais ${labelsFile} ${n(labels.dims[0], 'fr')} étiquettes : ils doivent venir du même jeu.`,
    });
  }
  const shape: [number, number, number] = [images.dims[1], images.dims[2], images.dims[3] ?? 1];
  return { pixels: images.data, labels: labels.data, count, shape };
}

/**
 * An order of the samples in which every prefix holds each class in its share: sample k of class
 * c (of n_c) comes at (k + ½) / n_c, ties broken by class. The same for the same labels.
 */
export function balancedOrder(labels: Uint8Array): Uint32Array {
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const seen = new Map<number, number>();
  const keys = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const k = seen.get(labels[i]) ?? 0;
    seen.set(labels[i], k + 1);
    keys[i] = (k + 0.5) / counts.get(labels[i])!;
  }
  const order = Uint32Array.from({ length: labels.length }, (_, i) => i);
  return order.sort((a, b) => keys[a] - keys[b] || labels[a] - labels[b] || a - b);
}
