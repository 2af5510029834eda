import { describe, expect, it } from 'vitest';
import { soak, soakPassed } from './soak';

describe('soak of the web host with random and malformed frames', () => {
  it('survives 500 of them, closing only the sockets that broke the protocol, and answers a normal call afterwards', async () => {
    const report = await soak({ frames: 500, seconds: 60, seed: 7 });
    expect(report.framesSent).toBe(500);
    // Every kind of frame was tried.
    expect(Object.keys(report.kinds).length).toBeGreaterThanOrEqual(18);
    expect(report.answersAtTheEnd).toBe(true);
    expect(report.liveness.asked).toBeGreaterThan(0);
    expect(report.liveness.answered).toBe(report.liveness.asked);
    expect(report.unexpectedCloses).toBe(0);
    expect(report.prototypesIntact).toBe(true);
    // Protocol violations are answered with a close frame and its code, never a dropped connection.
    expect(Object.keys(report.closes).every((code) => ['1000', '1002', '1005', '1007', '1009'].includes(code))).toBe(true);
    expect(report.closes['1007']).toBeGreaterThan(0);
    expect(report.closes['1009']).toBeGreaterThan(0);
    // Wrong calls are refused as such, never as internal failures.
    expect(report.replies['error:internal']).toBeUndefined();
    expect(report.replies['error:bad-request:argument']).toBeGreaterThan(0);
    expect(report.replies['error:unknown-method']).toBeGreaterThan(0);
    // Every call with a wrong argument is refused at the transport, before the service sees it.
    expect(Object.keys(report.repliesByKind.wrongArguments)).toEqual(['error:bad-request:argument']);
    expect(Object.keys(report.repliesByKind.unknownMethod)).toEqual(['error:unknown-method']);
    expect(report.repliesByKind.liveness).toEqual({ result: report.liveness.asked });
    expect(soakPassed(report)).toBe(true);
  }, 90_000);
});
