import { Redis, type Cluster } from 'ioredis';

/** A pub/sub subscription that tells when it came back after a loss (messages may have been missed). */
export interface EventSubscription {
  /** Resolves once subscribed the first time; rejects if the first attempt fails (it keeps trying). */
  readonly ready: Promise<void>;
  close(): void;
}

interface Handlers {
  onMessage(message: string): void;
  /** Called after every re-subscription that follows a lost connection. */
  onResubscribed(): void;
}

/** Subscribes to `channel` on a dedicated connection (a subscribed connection can do nothing else). */
export function subscribeEvents(client: Redis | Cluster, channel: string, handlers: Handlers): EventSubscription {
  return 'isCluster' in client && client.isCluster
    ? clusterSubscription(client as Cluster, channel, handlers)
    : standaloneSubscription(client as Redis, channel, handlers);
}

/** Standalone and Sentinel: a duplicate of the client, which reconnects and re-subscribes by itself. */
function standaloneSubscription(client: Redis, channel: string, handlers: Handlers): EventSubscription {
  // It may queue while connecting, unlike the command client.
  const subscriber = client.duplicate({ enableOfflineQueue: true });
  let lost = false;
  subscriber.on('error', () => undefined); // connection errors are counted on the command client
  subscriber.on('close', () => {
    lost = true;
  });
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    handlers.onResubscribed();
  });
  subscriber.on('message', (_channel: string, message: string) => handlers.onMessage(message));
  return { ready: subscriber.subscribe(channel).then(() => undefined), close: () => subscriber.disconnect() };
}

/**
 * Cluster: classic PUBLISH reaches every node, so one connection to any node hears every event.
 * ioredis's own cluster subscriber moves to another node silently when its connection drops, so
 * the messages missed meanwhile would go unnoticed; this one connects to a node of the cluster's
 * pool itself, moves to the next node (after the cluster's retry delay) when the connection ends,
 * and reports every re-subscription after a loss.
 */
function clusterSubscription(cluster: Cluster, channel: string, handlers: Handlers): EventSubscription {
  let connection: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let subscribedOnce = false;
  let lost = false;
  const startedAt = Date.now();
  let attempt = 0;
  let nodeIndex = 0;
  let settled = false;
  let settle!: (error?: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
  });

  const retryLater = () => {
    if (closed) return;
    attempt++;
    const delay = cluster.options.clusterRetryStrategy?.(attempt) ?? Math.min(2_000, 50 * 2 ** attempt);
    timer = setTimeout(connect, typeof delay === 'number' ? delay : 1_000);
  };

  const connect = () => {
    timer = undefined;
    if (closed) return;
    const nodes = cluster.nodes('all');
    if (nodes.length === 0) {
      // The cluster has not discovered its nodes yet (it is starting, or unreachable).
      if (Date.now() - startedAt > 2_000)
        settle(new Error(`no Redis Cluster node reachable to subscribe to ${channel}`));
      return retryLater();
    }
    const { host, port, username, password, tls } = nodes[nodeIndex++ % nodes.length]!.options;
    const current = new Redis({
      host,
      port,
      username,
      password,
      tls,
      enableOfflineQueue: true,
      enableReadyCheck: true,
      retryStrategy: () => null, // a lost connection ends; the next attempt goes to the next node
    });
    connection = current;
    current.on('error', () => undefined);
    current.on('message', (_channel: string, message: string) => handlers.onMessage(message));
    current.once('end', () => {
      if (connection === current) connection = undefined;
      // Anything published until the next subscription is missed.
      if (subscribedOnce) lost = true;
      settle(new Error(`could not subscribe to ${channel} on ${host}:${port}; trying the next node`));
      retryLater();
    });
    current.subscribe(channel).then(
      () => {
        attempt = 0;
        subscribedOnce = true;
        settle();
        if (!lost) return;
        lost = false;
        handlers.onResubscribed();
      },
      () => current.disconnect(),
    );
  };

  connect();
  return {
    ready,
    close() {
      closed = true;
      clearTimeout(timer);
      connection?.disconnect();
    },
  };
}
