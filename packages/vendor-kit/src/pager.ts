import { invalidOption } from "./errors.js";

/** Options every `paginate` takes. */
export interface PaginateOptions {
  /** Stop after this many items; no further page is requested. Default: all. */
  maxItems?: number;
}

/** One page as a vendor's paging rule read it. */
export interface Page<S> {
  /** The page's items, in order. */
  items: readonly unknown[];
  /** Where the next page is (a page number, an offset, a cursor, a URL); absent on the last page. */
  next?: S | undefined;
  /**
   * Every page still to come, when the first page tells them all (an offset list with its
   * total): they are requested up to `concurrency` at a time and yielded in order.
   */
  rest?: readonly S[] | undefined;
}

/** How a list pages: fetch the page at a position, and say where the next one is. */
export interface Pager<S> {
  /** The position of the first page. */
  first: S;
  /** Requests one page; throws the vendor's API error when it fails. */
  fetch(position: S): Promise<Page<S>>;
  /** Pages of `rest` requested at once (default 1). */
  concurrency?: number;
}

/**
 * Checks the one `maxItems` rule every pager shares (a whole number ≥ 0, or `Infinity`)
 * and returns it, `Infinity` when absent.
 *
 * @example
 * ```ts
 * const maxItems = readMaxItems("sterling", { maxItems: 50 }); // 50
 * ```
 */
export function readMaxItems(vendor: string, options: PaginateOptions | undefined): number {
  const maxItems = options?.maxItems ?? Number.POSITIVE_INFINITY;
  if (!(maxItems === Number.POSITIVE_INFINITY || (Number.isInteger(maxItems) && maxItems >= 0))) {
    throw invalidOption(vendor, "maxItems", "must be a whole number ≥ 0");
  }
  return maxItems;
}

/**
 * The pager kernel: yields the items of page after page until a page is empty or has no
 * `next`, a position comes back that was already fetched (a server cycling its cursors), or
 * `maxItems` items have been yielded (no further page is then requested). Each vendor's
 * `paginate` is a {@link Pager}: where its pages are and how its body lists the items.
 *
 * @example
 * ```ts
 * const numbers = walkPages<number, number>("example", {
 *   first: 1,
 *   fetch: async (page) => ({ items: page < 3 ? [page * 10, page * 10 + 1] : [], next: page + 1 }),
 * });
 * for await (const n of numbers) console.log(n); // 10, 11, 20, 21
 * ```
 */
export async function* walkPages<T, S>(vendor: string, pager: Pager<S>, options?: PaginateOptions): AsyncGenerator<T> {
  const maxItems = readMaxItems(vendor, options);
  const concurrency = pager.concurrency ?? 1;
  let yielded = 0;
  const seen = new Set<S>();
  let position: S | undefined = pager.first;
  while (position !== undefined && yielded < maxItems) {
    seen.add(position);
    const page: Page<S> = await pager.fetch(position);
    for (const item of page.items) {
      if (yielded >= maxItems) return;
      yielded++;
      yield item as T;
    }
    if (page.items.length === 0) return;
    if (page.rest !== undefined) {
      // The rest is known: keep `concurrency` requests in flight, yield in order.
      const queue = [...page.rest];
      const inFlight: Array<Promise<Page<S>>> = [];
      const launch = () => {
        const next = queue.shift();
        if (next === undefined) return;
        const request = pager.fetch(next);
        // Awaited in order below; this only keeps an early failure from being reported as unhandled.
        request.catch(() => undefined);
        inFlight.push(request);
      };
      while (inFlight.length < concurrency && queue.length > 0) launch();
      while (inFlight.length > 0 && yielded < maxItems) {
        const next = await (inFlight.shift() as Promise<Page<S>>);
        launch();
        for (const item of next.items) {
          if (yielded >= maxItems) return;
          yielded++;
          yield item as T;
        }
        if (next.items.length === 0) return;
      }
      return;
    }
    position = page.next;
    if (position !== undefined && seen.has(position)) return;
  }
}
