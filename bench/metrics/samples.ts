// Waits until Prometheus holds `samples` scrapes of a job, so the analysis has data to read.

/** Polls `count_over_time(up{job}[15m])` until it reaches `samples`; throws after `maxMs`. */
export async function waitForSamples(prometheusUrl: string, job: string, samples: number, maxMs = 600_000) {
  const query = `count_over_time(up{job="${job}"}[15m])`;
  const deadline = Date.now() + maxMs;
  for (;;) {
    const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await res.json()) as { data?: { result?: { value: [number, string] }[] } };
    const count = Number(body.data?.result?.[0]?.value[1] ?? 0);
    if (count >= samples) return;
    if (Date.now() > deadline) throw new Error(`${count} of ${samples} scrapes of ${job} after ${maxMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
