/**
 * Brings this phone's own break tools into view and reading order: for the one who waits, so waiting
 * has something to do in it. The tools list is on the same screen, below.
 */
export function openBreakTools(): void {
  // Until the first 0–10 is answered the companion shows only that question; it leads to the tools.
  const heading = document.getElementById('tools-title') ?? document.getElementById('break-companion');
  heading?.scrollIntoView({
    block: 'start',
    behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
  });
  heading?.focus({ preventScroll: true });
}
