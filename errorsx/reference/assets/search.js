// Filters the index as the user types: asks the site for the ranked results
// as JSON and redraws the list. Without this script the search form still
// works as a plain GET form.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("result-status");
  if (!form || !input || !list || !status || !window.fetch || !window.history) {
    return;
  }
  var base = form.getAttribute("action");
  var timer = 0;
  var latest = 0;

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });

  function update() {
    var q = input.value.trim();
    var url = q ? base + "?q=" + encodeURIComponent(q) : base;
    var mine = ++latest;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (doc) {
        if (!doc || mine !== latest) {
          return;
        }
        draw(doc);
        history.replaceState(null, "", url);
      })
      .catch(function () { /* the form still works without this */ });
  }

  function draw(doc) {
    var results = doc.results;
    if (!doc.query) { // the index's own list: the 4xx codes; the other sections stay below it
      results = results.filter(function (c) { return c.status < 500 && !c.team; });
    }
    var n = results.length;
    if (!doc.query) {
      status.textContent = "All " + n + " registered client error codes. Search by number, name or symptom.";
    } else if (n === 0) {
      status.textContent = "No code matches \u201c" + doc.query + "\u201d. Try a number such as 429, a name such as \u201cforbidden\u201d, or a symptom such as \u201crate limit\u201d.";
    } else {
      status.textContent = n + (n === 1 ? " entry matches" : " entries match") + " \u201c" + doc.query + "\u201d, best first.";
    }
    list.textContent = "";
    results.forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = c.page;
      var num = document.createElement("span");
      num.className = "num";
      num.textContent = String(c.status);
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = c.title;
      a.appendChild(num);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(name);
      li.appendChild(a);
      if (c.team) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = "this API";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(tag);
      }
      if (c.summary) {
        var p = document.createElement("p");
        p.textContent = c.summary;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }
})();
