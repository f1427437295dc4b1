// A worker thread that tries to connect: exit code 7 when no-network.mjs stopped it.
import net from 'node:net';

try {
  net.connect(65000, '127.0.0.1').on('error', () => process.exit(5));
} catch {
  process.exit(7);
}
