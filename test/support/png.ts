import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return chunk('IHDR', ihdr);
}

/**
 * A real, valid greyscale PNG of any size, built by hand: its all-zero rows deflate to almost
 * nothing, so a 50-megapixel decompression bomb is a 48 KB file made in a moment.
 */
export function blankPng(width: number, height: number): Buffer {
  const rows = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([SIGNATURE, header(width, height), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG whose header claims `width` × `height` but that carries no pixel data: only its header can be read. */
export function pngClaiming(width: number, height: number): Buffer {
  return Buffer.concat([SIGNATURE, header(width, height), chunk('IDAT', deflateSync(Buffer.alloc(1))), chunk('IEND', Buffer.alloc(0))]);
}
