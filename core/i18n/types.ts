/** A catalogue in another language: the same keys as the English one, each with its own sentence. */
export type Catalogue<T> = { readonly [K in keyof T]: string };
