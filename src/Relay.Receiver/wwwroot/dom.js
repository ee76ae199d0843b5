// Everything that comes from the server or the user is set with textContent, never parsed as HTML.

/** Appends a new element, with a class and text when given, and returns it. */
export function append(parent, tag, className, text) {
  const child = document.createElement(tag);
  if (className) child.className = className;
  if (text !== undefined) child.textContent = text;
  parent.append(child);
  return child;
}

/** Prepends an item to a list and drops the oldest beyond max. */
export function prependBounded(list, item, max) {
  list.prepend(item);
  while (list.childElementCount > max) list.lastElementChild.remove();
}
