// Render DiceBear Open Peeps avatars at asset-build time (called by tools/make_portraits.py).
// Reads a JSON array of DiceBear option objects on stdin; writes a JSON array of SVG strings.
import { createAvatar } from '@dicebear/core';
import * as openPeeps from '@dicebear/open-peeps';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const specs = JSON.parse(input);
  const out = specs.map((options) => createAvatar(openPeeps, options).toString());
  process.stdout.write(JSON.stringify(out));
});
