// better-sqlite3 (and any other native addon) falls back to compiling with node-gyp where no
// prebuilt binary can be downloaded. node-gyp then downloads Node's headers too, unless told where
// they are; pnpm passes only a few environment variables to build scripts, so point it at the
// headers that ship with the machine's Node.js here. Elsewhere nothing changes.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

function localNodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = join(process.execPath, '..', '..');
  for (const dir of [prefix, '/usr', '/usr/local']) {
    if (existsSync(join(dir, 'include', 'node', 'node.h'))) return dir;
  }
  return undefined;
}

module.exports = {
  hooks: {
    updateConfig(config) {
      const nodedir = localNodeDir();
      if (!nodedir) return config;
      return { ...config, extraEnv: { ...config.extraEnv, npm_config_nodedir: nodedir } };
    },
  },
};
