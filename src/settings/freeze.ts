/** Readonly all the way down: settings are read by every phase and changed by none. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends Date
    ? T
    : T extends readonly (infer E)[]
      ? readonly DeepReadonly<E>[]
      : T extends object
        ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
        : T;

/**
 * Freezes plain objects and arrays recursively and returns the value typed readonly. Class instances
 * (a Date, a certificate's key) are left as they are: freezing someone else's object can break it.
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (Array.isArray(value) || isPlainObject(value)) {
    if (!Object.isFrozen(value)) {
      Object.freeze(value);
      for (const v of Object.values(value as object)) deepFreeze(v);
    }
  }
  return value as DeepReadonly<T>;
}

function isPlainObject(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
