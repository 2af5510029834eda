// The page's Content-Security-Policy allows no eval. zod compiles fast object parsers with
// `new Function` when it may, and probes for it once; under this policy the probe is refused and
// reported as a violation even though zod recovers. Imported first by main.tsx, before any parse.
import { config } from 'zod';

config({ jitless: true });
