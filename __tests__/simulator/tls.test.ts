import { X509Certificate } from 'node:crypto';
import { certificateSerial, generateSelfSignedCert } from '../../src/simulator/tls';

test('serial numbers are positive, minimal DER integers whatever the random bytes', () => {
  // 0x00/0x80 first bytes used to give a leading zero octet: one certificate in ~256 was invalid.
  for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
    const serial = certificateSerial(Buffer.from([first, 0x05, 0xaa, 0x10]));
    expect(serial[0]).toBeGreaterThanOrEqual(1);
    expect(serial[0]).toBeLessThanOrEqual(0x7f);
    expect(serial.subarray(1)).toEqual(Buffer.from([0x05, 0xaa, 0x10]));
  }
});

test('the generated certificate parses and covers 127.0.0.1 and localhost', () => {
  const x = new X509Certificate(generateSelfSignedCert().certPem);
  expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(x.checkHost('localhost')).toBe('localhost');
  expect(x.ca).toBe(true);
});
