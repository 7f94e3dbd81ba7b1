import type { Route } from "../provider/model/api";

/**
 * Which methods the API serves at a concrete path, for the `Allow` header of a 405: every method of
 * every route whose template the path fits, with HEAD wherever GET is (Fastify answers HEAD for GET).
 */
export function allowedMethods(routes: readonly Route[]): (path: string) => string[] {
  const templates = routes.map((route) => ({
    method: route.method,
    pattern: new RegExp(`^${route.path.replace(/:\w+/g, "[^/]+")}$`),
  }));
  return (path) => {
    const methods = new Set(templates.filter((t) => t.pattern.test(path)).map((t) => t.method as string));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
