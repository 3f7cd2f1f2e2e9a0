// Bundles the two web apps into dist/, which the gateway build copies to META-INF/resources
// (gateway/pom.xml). No inline script or style anywhere: the gateway's CSP forbids them.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = new URL('./dist/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(new URL('./static/', import.meta.url).pathname, out, { recursive: true });
await build({
  entryPoints: { 'app': 'src/employee/app.js', 'hr/hr': 'src/hr/app.js' },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('web: built into', out);
