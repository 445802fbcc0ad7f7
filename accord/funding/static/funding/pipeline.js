// Drag a card onto another open stage's column to move it there. The buttons of each card's
// form do the same and are the keyboard-accessible way; this only adds the mouse gesture, and
// posts what that form holds (its action, the version, the board's filters) with the new stage.
(function () {
  "use strict";
  let dragged = null;

  function cardOf(target) {
    return target.closest ? target.closest(".board-cards > li[draggable='true']") : null;
  }

  function columnOf(target) {
    return target.closest ? target.closest(".board-column[data-stage]") : null;
  }

  document.addEventListener("dragstart", function (event) {
    const card = cardOf(event.target);
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.querySelector("form").getAttribute("action"));
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
    dragged = null;
  });

  document.addEventListener("dragover", function (event) {
    const column = dragged && columnOf(event.target);
    if (!column) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    const column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", function (event) {
    const column = dragged && columnOf(event.target);
    if (!column || !window.htmx) return;
    event.preventDefault();
    const card = dragged;
    if (card.closest(".board-column") === column) return;
    const form = card.querySelector("form");
    const values = { stage: column.dataset.stage };
    ["version", "from", "query"].forEach(function (name) {
      if (form.elements[name]) values[name] = form.elements[name].value;
    });
    window.htmx.ajax("POST", form.getAttribute("action"), {
      source: form,
      target: "#board",
      swap: "outerHTML",
      values: values,
    });
  });
})();
