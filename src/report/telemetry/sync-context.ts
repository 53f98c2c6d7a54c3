import type * as OtelApi from '@opentelemetry/api';

type Ctx = OtelApi.Context;

/**
 * Just enough of a ContextManager for synchronous `context.with(ctx, () => track…())` calls: the
 * isolated providers register none, and events take their operation id from the active context.
 */
export function syncContextManager(root: Ctx): OtelApi.ContextManager {
  let current: Ctx = root;
  return {
    active: () => current,
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      ctx: Ctx,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F> {
      const prev = current;
      current = ctx;
      try {
        return fn.call(thisArg, ...args);
      } finally {
        current = prev;
      }
    },
    bind: <T>(_ctx: Ctx, target: T): T => target,
    enable() {
      return this;
    },
    disable() {
      current = root;
      return this;
    },
  };
}
