import Module from 'node:module';
import path from 'node:path';

/**
 * Jest runs the global set-up outside its module map, where the `@ttg/...` path aliases of
 * tsconfig.json (which jest.config.js maps for the tests) do not apply. Imported first by
 * global-setup.ts, this resolves them there too, from the same tsconfig.json: `@ttg/config` →
 * libs/config/src, `@ttg/config/logging` → libs/config/src/logging.
 */
const root = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { paths } = (require(path.join(root, 'tsconfig.json')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions;

function toSource(request: string): string {
  for (const [alias, [target]] of Object.entries(paths)) {
    if (alias.endsWith('/*')) {
      const prefix = alias.slice(0, -1);
      if (request.startsWith(prefix)) return path.join(root, target.slice(0, -1), request.slice(prefix.length));
    } else if (request === alias) return path.join(root, target);
  }
  return request;
}

type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, ...rest) {
  return resolve.call(this, toSource(request), ...rest);
};
