import type { Adapter } from '../adapter.ts';
import type { InputFile } from '../discover.ts';
import { auth0 } from './auth0/index.ts';
import { entra } from './entra/index.ts';
import { google } from './google/index.ts';
import { keycloak } from './keycloak/index.ts';
import { native } from './native/index.ts';
import { ocsf } from './ocsf/index.ts';
import { okta } from './okta/index.ts';
import { ssf } from './ssf/index.ts';
import { windows } from './windows/index.ts';
import { workos } from './workos/index.ts';

/** Every adapter, in the order detection tries them; native reads whatever none claims. */
export const ADAPTERS: readonly Adapter[] = [workos, okta, auth0, entra, keycloak, google, windows, ocsf, ssf, native];

/** The adapter that reads a file: the forced one, else the first that recognises it, else native. */
export function chooseAdapter(file: InputFile, forced?: Adapter): Adapter {
  if (forced) return forced;
  return ADAPTERS.find((a) => a !== native && a.detect(file)) ?? native;
}

export function adapterByName(name: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}
