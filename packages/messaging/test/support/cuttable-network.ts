import net from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socket factory whose connections can be cut and restored: what a
 * client sees when its broker restarts (every connection drops, new ones are
 * refused for a while, then accepted again).
 *
 * Why not a TCP proxy in front of the broker: kafkajs bootstraps through the
 * proxy but then connects to the address the broker ADVERTISES in its
 * metadata (127.0.0.1:19092), bypassing the proxy. The socket factory sits
 * under every connection kafkajs opens, bootstrap and advertised alike.
 * Why not restart the real broker: the shared broker serves other suites
 * running in parallel. What this does not simulate is the broker losing
 * unflushed data; with acks=all and an acknowledged write that is the broker's
 * durability, not the relay's.
 */
export class CuttableNetwork {
  #cut = false;
  readonly #open = new Set<net.Socket>();
  refused = 0;

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (this.#cut) {
      this.refused++;
      const socket = new net.Socket();
      const refused = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (simulated broker outage)`), { code: 'ECONNREFUSED' });
      setImmediate(() => socket.destroy(refused));
      return socket;
    }
    const socket = net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.#open.add(socket);
    socket.on('close', () => this.#open.delete(socket));
    return socket;
  };

  /**
   * The broker goes away: open connections fail with ECONNRESET (what a killed
   * broker's RST looks like; a bare destroy() emits neither 'end' nor 'error',
   * which kafkajs would not notice), new ones are refused.
   */
  cut(): void {
    this.#cut = true;
    for (const socket of this.#open) socket.destroy(Object.assign(new Error('read ECONNRESET (simulated broker outage)'), { code: 'ECONNRESET' }));
  }

  restore(): void {
    this.#cut = false;
  }
}
