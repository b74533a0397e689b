// shuchi serve (live preview): reload this page when a rebuild finished; show content mistakes on it.
// Served only by `build.py serve`, never part of a built site. Polls /_shuchi/status.json once a second.
(function () {
  "use strict";
  var seen = null;

  function banner(problems) {
    var box = document.getElementById("shuchi-live-problems");
    if (!problems.length) {
      if (box) { box.remove(); }
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = "shuchi-live-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:50vh;overflow:auto;" +
        "background:#fff4f4;color:#5a0000;border-top:4px solid #b00020;padding:0.8em 1.2em;" +
        "font:14px/1.5 monospace;white-space:pre-wrap;box-shadow:0 -2px 8px rgba(0,0,0,.2)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var heading = document.createElement("strong");
    heading.textContent = "内容に誤りがあります（前回のページを表示しています）: " + problems.length + " problem(s)";
    box.appendChild(heading);
    problems.forEach(function (line) {
      var item = document.createElement("div");
      item.className = "shuchi-live-problem";
      item.textContent = line;
      box.appendChild(item);
    });
  }

  function poll() {
    fetch("/_shuchi/status.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen !== null && status.version !== seen) {
          window.location.reload();
          return;
        }
        seen = status.version;
        banner(status.problems);
      })
      .catch(function () { /* the preview is restarting: try again */ })
      .finally(function () { window.setTimeout(poll, 1000); });
  }

  poll();
})();
