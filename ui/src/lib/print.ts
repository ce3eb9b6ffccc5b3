// Printing one part of the window (an action programme): a copy of it goes into #print-root, the print stylesheet
// (app.css, @media print) hides everything else while body has .printing, and the copy is removed afterwards.
// The screen never changes: .printing only matters to print media.

export function printElement(element: HTMLElement, title: string): void {
  document.getElementById('print-root')?.remove();
  const root = document.createElement('div');
  root.id = 'print-root';
  const copy = element.cloneNode(true) as HTMLElement;
  copy.removeAttribute('id');
  copy.querySelectorAll('[id]').forEach((node) => node.removeAttribute('id'));
  root.appendChild(copy);
  document.body.appendChild(root);
  document.body.classList.add('printing');
  const previousTitle = document.title;
  document.title = title;
  const done = () => {
    window.removeEventListener('afterprint', done);
    document.body.classList.remove('printing');
    document.title = previousTitle;
    root.remove();
  };
  window.addEventListener('afterprint', done);
  window.print();
}
