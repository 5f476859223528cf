/**
 * The few Redis commands the store needs, over either client a user already has:
 * ioredis (`call`) or node-redis v4+ (`sendCommand`). Raw commands keep the two alike.
 */
export type RedisCommand = (args: string[]) => Promise<unknown>;

/** An ioredis client (`new Redis(...)`), or anything with its `call`. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** A node-redis client (`createClient(...)`), or anything with its `sendCommand`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Either client. */
export type RedisClientLike = IoRedisLike | NodeRedisLike;

export function commandsOf(client: RedisClientLike): RedisCommand | undefined {
  // ioredis also has a `sendCommand`, taking a Command object: look for its `call` first.
  if (typeof (client as IoRedisLike)?.call === "function") {
    const io = client as IoRedisLike;
    return ([command, ...rest]) => io.call(command as string, ...rest);
  }
  if (typeof (client as NodeRedisLike)?.sendCommand === "function") {
    return (args) => (client as NodeRedisLike).sendCommand(args);
  }
  return undefined;
}

/** Bounds a command: a slow or absent Redis must not hold a request (the engine falls back). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis ${what} did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
