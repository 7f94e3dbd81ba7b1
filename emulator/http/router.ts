import { ApiError } from "../errors";

/** What a path template such as `/v1/orgs/:org_id` is split into: fixed segments, and named ones taken from the path. */
type Segment = { fixed: string } | { param: string };

interface Entry<T> {
  method: string;
  segments: Segment[];
  target: T;
}

/** A request's route: what serves it and its path parameters, decoded. */
export interface Found<T> {
  target: T;
  params: Record<string, string>;
}

/** The path is served, but not with the request's method: the methods it takes, for `Allow`. */
export interface WrongMethod {
  allow: string[];
}

/** No id is this long: a longer path segment is answered 404 without being matched. */
const MAX_SEGMENT_LENGTH = 100;

/**
 * Finds what serves a method and path among routes given as path templates. A fixed segment wins
 * over a parameter where both fit (`members/bulk` before `members/:user_id`), and a GET route
 * answers HEAD too.
 */
export class Router<T> {
  /** Routes by their number of segments, the most specific first. */
  private readonly bySegmentCount = new Map<number, Entry<T>[]>();

  add(method: string, template: string, target: T): void {
    const segments = template
      .split("/")
      .slice(1)
      .map((part): Segment => (part.startsWith(":") ? { param: part.slice(1) } : { fixed: part }));
    const entries = this.bySegmentCount.get(segments.length) ?? [];
    entries.push({ method, segments, target });
    entries.sort((a, b) => specificity(b.segments) - specificity(a.segments));
    this.bySegmentCount.set(segments.length, entries);
  }

  /**
   * The route of `method` at `path` (without its query), the methods the path takes instead, or null
   * when no route has this path. Throws 400 `bad_url` for a path that does not decode, and 404 for
   * a segment longer than any id.
   */
  find(method: string, path: string): Found<T> | WrongMethod | null {
    const segments = decodedSegments(path);
    const wanted = method === "HEAD" ? "GET" : method;
    let allow: Set<string> | undefined;
    for (const entry of this.bySegmentCount.get(segments.length) ?? []) {
      if (!fits(entry.segments, segments)) continue;
      if (entry.method === wanted) return { target: entry.target, params: paramsOf(entry.segments, segments) };
      allow ??= new Set();
      allow.add(entry.method);
      if (entry.method === "GET") allow.add("HEAD");
    }
    return allow ? { allow: [...allow].sort() } : null;
  }
}

/** Fixed segments early rank first: a bit per segment, the first one highest. */
const specificity = (segments: Segment[]) =>
  segments.reduce((rank, segment, i) => rank + ("fixed" in segment ? 2 ** (segments.length - i) : 0), 0);

function decodedSegments(path: string): string[] {
  const raw = path.split("/").slice(1);
  if (raw.some((segment) => segment.length > MAX_SEGMENT_LENGTH)) {
    throw new ApiError(404, "not_found", "No such object: a path segment is longer than any id");
  }
  try {
    return raw.map((segment) => (segment.includes("%") ? decodeURIComponent(segment) : segment));
  } catch {
    throw new ApiError(400, "bad_url", `The URL cannot be decoded: ${path.slice(0, 200)}`);
  }
}

/** Whether a path of as many segments has a template's fixed segments; a parameter takes any value, even an empty one. */
const fits = (template: Segment[], segments: string[]) =>
  template.every((part, i) => !("fixed" in part) || part.fixed === segments[i]);

function paramsOf(template: Segment[], segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  template.forEach((part, i) => {
    if ("param" in part) params[part.param] = segments[i]!;
  });
  return params;
}
