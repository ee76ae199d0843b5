// Keeps what the user is looking at in place while a list is rebuilt: new rows arriving above it
// (newest-first lists) must not push it away.

/** Runs `rebuild`, then scrolls `container` so the row that was at the top of the view stays there. */
export function keepScroll(container, rowSelector, rebuild) {
  if (container.scrollTop <= 0) {
    rebuild();
    return;
  }
  const top = container.getBoundingClientRect().top;
  let anchorKey = null;
  let offset = 0;
  for (const row of container.querySelectorAll(rowSelector)) {
    const rect = row.getBoundingClientRect();
    if (rect.bottom > top) {
      anchorKey = row.dataset.key;
      offset = rect.top - top;
      break;
    }
  }
  rebuild();
  if (anchorKey === null) return;
  for (const row of container.querySelectorAll(rowSelector)) {
    if (row.dataset.key === anchorKey) {
      container.scrollTop += row.getBoundingClientRect().top - top - offset;
      return;
    }
  }
}
