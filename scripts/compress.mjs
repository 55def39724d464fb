// The two encodings the shop ships, made the same way for the precompressed copies and for
// the byte budget: gzip as `gzip -9 -n` makes it (smaller than zlib's level 9; zlib when
// there is no gzip), brotli at quality 11.
import { spawnSync } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function gzip(bytes) {
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout : gzipSync(bytes, { level: 9 });
}

export function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}
