declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';

  type Trust = (address: string, hop: number) => boolean;
  function proxyaddr(req: Pick<IncomingMessage, 'headers' | 'socket'>, trust: Trust): string;
  namespace proxyaddr {
    function compile(val: string | string[]): Trust;
  }
  export = proxyaddr;
}
