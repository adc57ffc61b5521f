// Keeps a scrolling pane pinned to its newest line unless the reader scrolled up to read.

export function stickToBottom(pane) {
  return (change) => {
    const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 24;
    change();
    if (atBottom) pane.scrollTop = pane.scrollHeight;
  };
}
