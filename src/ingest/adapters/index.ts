import type { Adapter } from '../adapter.ts';
import type { InputFile } from '../discover.ts';
import { native } from './native/index.ts';

/** Every adapter, in the order detection tries them; native reads whatever none claims. */
export const ADAPTERS: readonly Adapter[] = [native];

/** The adapter that reads a file: the forced one, else the first that recognises it, else native. */
export function chooseAdapter(file: InputFile, forced?: Adapter): Adapter {
  if (forced) return forced;
  return ADAPTERS.find((a) => a !== native && a.detect(file)) ?? native;
}

export function adapterByName(name: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}
