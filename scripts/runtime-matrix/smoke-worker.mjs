// Entry of the smoke program for workerd: a module worker whose fetch handler runs it with the
// fixture from its FIXTURE binding and answers the report.
import { smoke } from "./smoke.mjs";

// biome-ignore lint/style/noDefaultExport: workerd takes a module worker's handlers from its default export
export default {
  async fetch(_request, env) {
    try {
      return Response.json(await smoke(JSON.parse(env.FIXTURE)));
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};
