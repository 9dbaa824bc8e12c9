/* jobsite: search, filters and sorting on the jobs page, over every open vacancy.
   No framework and no third-party code. Without this script the page still lists every vacancy,
   page by page, and the filter links lead to each team's, level's, place's and contract's pages.
   On a portal the councils filter too (?council=northshire). The state lives in the address
   (/jobs/?q=fostering&team=fostering&sort=closing), so a search
   can be shared and bookmarked. Results are drawn with DOM methods and textContent only. */
(function () {
  "use strict";
  var form = document.getElementById("job-search");
  if (!form || !window.fetch || !window.URLSearchParams || !window.history.replaceState) {
    return;
  }
  var SHOWN = 50; // cards drawn at first; "Show more" adds as many again
  var FIELDS = ["q", "council", "team", "level", "location", "contract", "pattern", "hybrid", "sort"];
  var results = document.getElementById("search-results");
  var pages = document.getElementById("search-pages");
  var count = document.getElementById("results-count");
  var keep = document.getElementById("keep-search");
  var filters = document.getElementById("search-filters");
  var index = null;
  var shown = SHOWN;

  /** Lower case, without accents, so "Therapeutique" finds "Thérapeutique". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function state() {
    var values = {};
    FIELDS.forEach(function (name) {
      values[name] = form.elements[name] ? form.elements[name].value : "";
    });
    return values;
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (!field || value === null) {
        return;
      }
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        return; // a value from an older address that no longer exists
      }
      field.value = value;
    });
  }

  function remember(values) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = values[name].trim();
      if (value && !(name === "sort" && value === "newest")) {
        params.set(name, value);
      }
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function slugAt(list, i) {
    return list[i][0];
  }

  function matches(v, values, words) {
    if (values.council && (v.co === undefined || slugAt(index.councils, v.co) !== values.council)) { return false; }
    if (values.team && slugAt(index.teams, v.tm) !== values.team) { return false; }
    if (values.level && slugAt(index.levels, v.lv) !== values.level) { return false; }
    if (values.contract && slugAt(index.contracts, v.c) !== values.contract) { return false; }
    if (values.location && !v.lc.some(function (i) { return slugAt(index.locations, i) === values.location; })) { return false; }
    if (values.pattern && !v.wp.some(function (i) { return index.patterns[i][0] === values.pattern; })) { return false; }
    if (values.hybrid === "yes" && !v.hy) { return false; }
    return words.every(function (word) { return v.text.indexOf(word) !== -1; });
  }

  function sorted(list, sort) {
    if (sort === "closing") {
      // A rolling advert (no closing time) sorts after every dated one.
      var closes = function (v) { return v.k === undefined ? Infinity : v.k; };
      return list.slice().sort(function (a, b) { return (closes(a) - closes(b)) || a.order - b.order; });
    }
    if (sort === "pay") {
      return list.slice().sort(function (a, b) { return b.p - a.p || a.order - b.order; });
    }
    return list; // newest first: the index's own order
  }

  function fact(list, label, text) {
    var row = document.createElement("div");
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    dt.textContent = label;
    dd.textContent = text;
    row.appendChild(dt);
    row.appendChild(dd);
    list.appendChild(row);
  }

  function card(v) {
    var li = document.createElement("li");
    li.className = "card";
    li.setAttribute("data-vacancy", v.r);
    var heading = document.createElement("h3");
    heading.className = "card-title";
    var link = document.createElement("a");
    link.href = v.u;
    link.textContent = v.t;
    heading.appendChild(link);
    li.appendChild(heading);
    if (v.f) {
      var featured = document.createElement("p");
      featured.className = "card-label card-label-featured";
      featured.textContent = "Featured role";
      li.appendChild(featured);
    }
    if (v.io) {
      var internal = document.createElement("p");
      internal.className = "internal-only";
      var label = document.createElement("strong");
      label.textContent = "Internal applicants only";
      internal.appendChild(label);
      li.appendChild(internal);
    }
    if (v.vs) {
      var visa = document.createElement("p");
      visa.className = "card-label";
      visa.textContent = "Visa sponsorship available";
      li.appendChild(visa);
    }
    var facts = document.createElement("dl");
    facts.className = "facts";
    if (v.co !== undefined) { fact(facts, "Council", index.councils[v.co][1]); }
    fact(facts, "Team", index.teams[v.tm][1]);
    fact(facts, "Level", index.levels[v.lv][1]);
    fact(facts, "Location", v.lc.map(function (i) { return index.locations[i][1]; }).join(", ") + (v.hy ? " (hybrid)" : ""));
    fact(facts, "Salary", v.s);
    if (v.x) { fact(facts, "Extra pay", v.x); }
    var flexible = v.wp.filter(function (i) { return i > 1; }).length > 0;
    fact(facts, "Hours", v.h + (flexible ? "; " + v.wp.map(function (i) { return index.patterns[i][1]; }).join(", ") : ""));
    fact(facts, "Contract", index.contracts[v.c][1]);
    li.appendChild(facts);
    var closing = document.createElement("p");
    closing.className = "closing";
    var strong = document.createElement("strong");
    strong.textContent = v.cl;
    closing.appendChild(strong);
    li.appendChild(closing);
    return li;
  }

  function keepSearch(values) {
    var feed = document.getElementById("keep-search-feed");
    var register = document.getElementById("keep-search-register");
    var team = index.teams.find(function (t) { return t[0] === values.team; });
    var level = index.levels.find(function (l) { return l[0] === values.level; });
    var scope = team || level;
    if (feed) {
      feed.href = scope ? scope[2] : feed.getAttribute("data-all") || feed.href;
      feed.textContent = scope ? "RSS feed of " + scope[1] + " vacancies" : "RSS feed of these vacancies";
    }
    if (register && keep.getAttribute("data-register")) {
      var params = new URLSearchParams();
      if (team) { params.set("team", team[0]); }
      if (level) { params.set("level", level[0]); }
      var query = params.toString();
      register.href = keep.getAttribute("data-register") + (query ? "?" + query : "");
    }
  }

  function draw(focusFrom) {
    var values = state();
    var words = fold(values.q).split(/\s+/).filter(Boolean);
    var found = sorted(index.vacancies.filter(function (v) { return matches(v, values, words); }), values.sort);
    var list = document.createElement("ul");
    list.className = "cards";
    found.slice(0, shown).forEach(function (v) { list.appendChild(card(v)); });
    results.textContent = "";
    if (found.length) {
      results.appendChild(list);
    } else {
      var none = document.createElement("p");
      none.textContent = "No open roles match. Try fewer words or clear a filter.";
      results.appendChild(none);
    }
    if (found.length > shown) {
      var more = document.createElement("button");
      more.type = "button";
      more.className = "button-secondary";
      more.textContent = "Show " + Math.min(SHOWN, found.length - shown) + " more";
      more.addEventListener("click", function () {
        var first = shown;
        shown += SHOWN;
        draw(first);
      });
      results.appendChild(more);
    }
    var total = index.vacancies.length;
    var filtered = words.length || FIELDS.some(function (n) { return n !== "q" && n !== "sort" && values[n]; });
    count.textContent = filtered
      ? found.length + " of " + total + " open role" + (total === 1 ? "" : "s") + " match" + (found.length === 1 ? "es" : "") + "."
      : total + " open role" + (total === 1 ? "" : "s") + ".";
    if (typeof focusFrom === "number") {
      var next = results.querySelectorAll(".card-title a")[focusFrom];
      if (next) { next.focus(); }
    }
    keepSearch(values);
    remember(values);
  }

  function start(data) {
    index = data;
    index.vacancies.forEach(function (v, i) {
      v.order = i;
      v.text = fold([v.t, index.teams[v.tm][1], index.levels[v.lv][1], v.r, v.m, v.co === undefined ? "" : index.councils[v.co][1]]
        .concat(v.lc.map(function (j) { return index.locations[j][1]; })).join(" "));
    });
    restore();
    form.hidden = false;
    if (pages) { pages.hidden = true; }
    if (filters && window.matchMedia("(min-width: 48rem)").matches) { filters.open = true; }
    var feed = document.getElementById("keep-search-feed");
    if (feed) { feed.setAttribute("data-all", feed.href); }
    var redraw = function () { shown = SHOWN; draw(); };
    form.addEventListener("input", redraw);
    form.addEventListener("submit", function (event) { event.preventDefault(); redraw(); });
    draw();
  }

  fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (answer) { return answer.ok ? answer.json() : Promise.reject(answer.status); })
    .then(start)
    .catch(function () { /* the page keeps its server-made list */ });
})();
