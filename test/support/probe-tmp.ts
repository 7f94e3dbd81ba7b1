import { start } from "../../emulator";
(async () => {
  const e = await start({});
  for (const [label, init] of [["fetch empty", { method: "POST", headers: { authorization: `Bearer ${e.token}`, "content-type": "application/json" }, body: "" }]] as const) {
    const r = await fetch(e.url + "/v1/orgs", init as RequestInit);
    console.log(label, r.status, await r.text());
  }
  const { execSync } = await import("node:child_process");
  console.log(execSync(`curl -s -X POST -H 'authorization: Bearer ${e.token}' -H 'content-type: application/json' --data-binary '' -D - ${e.url}/v1/orgs`).toString());
  await e.close();
})();
