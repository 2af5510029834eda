/** The Content-Security-Policy of the app's pages, in the desktop app and on the web host. */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // No 'unsafe-inline': React, React Flow and uPlot set styles through the CSSOM (element.style),
    // which the policy allows; no library of the page adds <style> elements or style attributes in
    // markup (e2e/csp.spec.ts fails on any violation).
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
