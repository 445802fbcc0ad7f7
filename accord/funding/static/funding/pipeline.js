// Drag a card onto another open stage's column to move it there. The buttons on each card do
// the same and are the keyboard-accessible way; this only adds the mouse gesture.
(function () {
  "use strict";
  let dragged = null;

  document.addEventListener("dragstart", function (event) {
    const card = event.target.closest && event.target.closest(".opp-card[data-move-url]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.moveUrl);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
    dragged = null;
  });

  document.addEventListener("dragover", function (event) {
    const column = dragged && event.target.closest && event.target.closest(".board-column[data-stage]");
    if (!column) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    const column = event.target.closest && event.target.closest(".board-column[data-stage]");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", function (event) {
    const column = dragged && event.target.closest && event.target.closest(".board-column[data-stage]");
    if (!column || !window.htmx) return;
    event.preventDefault();
    const card = dragged;
    if (card.closest(".board-column") === column) return;
    window.htmx.ajax("POST", card.dataset.moveUrl, {
      source: card,
      target: "#board",
      swap: "outerHTML",
      values: {
        stage: column.dataset.stage,
        version: card.dataset.version,
        from: "board",
        query: card.dataset.query || "",
      },
    });
  });
})();
