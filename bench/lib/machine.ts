import os from "node:os";

/** Where the figures came from: on a shared, noisy machine they mean nothing without this. */
export type Machine = {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  /** 1-minute load average when the run started and ended: other work on the box shows here. */
  loadAvgStart: number;
  loadAvgEnd?: number;
};

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAvgStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export function machineLine(m: Machine): string {
  const load = m.loadAvgEnd !== undefined ? `${m.loadAvgStart}→${m.loadAvgEnd}` : `${m.loadAvgStart}`;
  return `${m.cores} cores ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.date} (load ${load})`;
}
