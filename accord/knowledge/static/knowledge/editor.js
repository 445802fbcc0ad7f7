// The knowledge item editor: a toolbar over the body's textarea that wraps the selection in
// the markup the server keeps (bold, italic, headings, lists, links, paragraphs). The server
// sanitises whatever is sent (accord/knowledge/html.py); this only saves typing the tags.
(function () {
  "use strict";

  function replaceSelection(area, before, inner, after) {
    var start = area.selectionStart, end = area.selectionEnd;
    var text = inner === null ? area.value.slice(start, end) : inner;
    area.setRangeText(before + text + after, start, end, "select");
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function escapeAttribute(value) {
    return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function wrap(area, tag) {
    replaceSelection(area, "<" + tag + ">", null, "</" + tag + ">");
  }

  function list(area, tag) {
    var selected = area.value.slice(area.selectionStart, area.selectionEnd);
    var lines = selected.split("\n").filter(function (line) { return line.trim() !== ""; });
    if (!lines.length) { lines = [""]; }
    var items = lines.map(function (line) { return "  <li>" + line.trim() + "</li>"; });
    replaceSelection(area, "<" + tag + ">\n", items.join("\n"), "\n</" + tag + ">");
  }

  function link(area) {
    var address = window.prompt("Link address (https://…)", "https://");
    if (!address || !/^(https?:\/\/|mailto:)/i.test(address.trim())) { return; }
    replaceSelection(area, '<a href="' + escapeAttribute(address.trim()) + '">', null, "</a>");
  }

  function attach(toolbar) {
    var area = document.getElementById(toolbar.getAttribute("aria-controls"));
    if (!area) { return; }
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.dataset.tag) { wrap(area, button.dataset.tag); }
      else if (button.dataset.list) { list(area, button.dataset.list); }
      else if (button.dataset.link) { link(area); }
    });
    area.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey)) { return; }
      var key = event.key.toLowerCase();
      if (key === "b" || key === "i") {
        event.preventDefault();
        wrap(area, key === "b" ? "strong" : "em");
      }
    });
  }

  function init() {
    document.querySelectorAll(".editor-toolbar[aria-controls]").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
