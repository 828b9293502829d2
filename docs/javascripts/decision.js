/* The decision helper on decision.md.
 *
 * The numbers are not here: each row of the page's criteria table holds a
 * <span class="decision-fit" data-criterion="..." data-pytorch="0-3" data-tensorflow="0-3">
 * beside its evidence links, and each slider of the form names its row with data-criterion.
 * This script weighs the fit scores by the sliders and says which framework fits, by how
 * much, and which criteria drove it, linking their evidence.
 *
 * Criteria that rest on one fact share a data-group (deployment, serving and mobile all come
 * down to how each framework exports a model). A group counts once, at the weight of the
 * member the reader weighs most, and each framework's fit for it is the average of the
 * members' fits, weighed by the sliders: three sliders on one fact cannot add up to three
 * reasons, and no member's lead is dropped either.
 *
 * Loaded on every page: without #decision-helper it does nothing.
 */
(function () {
  "use strict";

  var LEVELS = ["doesn't matter", "nice to have", "important", "essential"];
  var MAX_FIT = 3;
  // Totals closer than this share of the best possible total are a tie: the fit scores
  // are a judgement in whole points, so a gap of a tenth (2 points out of 21, from two
  // rows that only matter "nice to have") is within their own uncertainty ...
  var TIE = 0.1;
  // ... and closer than this one only a lean.
  var LEAN = 0.15;
  var NAMES = { pytorch: "PyTorch", tensorflow: "TensorFlow" };

  function level(value) {
    return LEVELS[value] || String(value);
  }

  /* A group's averaged fits can have a fraction: one decimal is as exact as they are. */
  function number(n) {
    return String(Math.round(n * 10) / 10);
  }

  function points(n) {
    return number(n) + (n === 1 ? " point" : " points");
  }

  /* The fit scores and evidence links of the table, by criterion. */
  function readCriteria(scope) {
    var criteria = {};
    var spans = scope.querySelectorAll(".decision-fit[data-criterion]");
    Array.prototype.forEach.call(spans, function (span) {
      var row = span.closest("tr");
      var pytorch = Number(span.getAttribute("data-pytorch"));
      var tensorflow = Number(span.getAttribute("data-tensorflow"));
      if (!row || !isFinite(pytorch) || !isFinite(tensorflow)) return;
      var cells = row.querySelectorAll("td");
      var evidence = cells.length ? cells[cells.length - 1].querySelectorAll("a[href]") : [];
      criteria[span.getAttribute("data-criterion")] = {
        pytorch: pytorch,
        tensorflow: tensorflow,
        group: span.getAttribute("data-group") || "",
        evidence: Array.prototype.slice.call(evidence)
      };
    });
    return criteria;
  }

  /* A group's members as one entry: its weight the heaviest member's, its fits the members'
   * fits averaged by weight, its evidence every member's links, each once. */
  function grouped(members) {
    if (members.length === 1) return members[0];
    var weight = 0, total = 0, pytorch = 0, tensorflow = 0, evidence = [], seen = {};
    members.forEach(function (d) {
      weight = Math.max(weight, d.weight);
      total += d.weight;
      pytorch += d.weight * d.criterion.pytorch;
      tensorflow += d.weight * d.criterion.tensorflow;
      d.criterion.evidence.forEach(function (link) {
        var href = link.getAttribute("href");
        if (!seen[href]) evidence.push(link);
        seen[href] = true;
      });
    });
    var criterion = { pytorch: pytorch / total, tensorflow: tensorflow / total,
                      evidence: evidence };
    return {
      members: members,
      criterion: criterion,
      weight: weight,
      pull: weight * (criterion.pytorch - criterion.tensorflow),
      index: members[0].index
    };
  }

  function score(sliders, criteria) {
    var result = { pytorch: 0, tensorflow: 0, max: 0, drivers: [], groups: [] };
    var groups = {};
    var weighed = [];
    sliders.forEach(function (slider, index) {
      var criterion = criteria[slider.getAttribute("data-criterion")];
      var weight = Number(slider.value);
      if (!criterion || !weight) return;
      var d = { slider: slider, criterion: criterion, weight: weight, index: index,
                // Positive pulls toward PyTorch, negative toward TensorFlow.
                pull: weight * (criterion.pytorch - criterion.tensorflow) };
      if (!criterion.group) return weighed.push(d);
      if (!groups[criterion.group]) weighed.push(groups[criterion.group] = []);
      groups[criterion.group].push(d);
    });
    weighed.forEach(function (entry) {
      var d = Array.isArray(entry) ? grouped(entry) : entry;
      if (d.members) result.groups.push(d);
      result.pytorch += d.weight * d.criterion.pytorch;
      result.tensorflow += d.weight * d.criterion.tensorflow;
      result.max += d.weight * MAX_FIT;
      result.drivers.push(d);
    });
    result.drivers.sort(function (a, b) {
      return Math.abs(b.pull) - Math.abs(a.pull) || b.weight - a.weight || a.index - b.index;
    });
    return result;
  }

  function sliderLabel(slider) {
    var label = slider.labels && slider.labels[0];
    return label ? label.textContent.trim() : slider.getAttribute("data-criterion");
  }

  /* What a driver is called: its slider's label, or a group's members' labels. */
  function labelText(driver) {
    return driver.members
      ? listed(driver.members.map(function (d) { return sliderLabel(d.slider); }))
      : sliderLabel(driver.slider);
  }

  function listed(names) {
    return names.length > 1
      ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1]
      : names[0];
  }

  /* What the criteria the reader weighs most say when they do not separate the two: a
   * lead built from lesser rows must not hide that the reader's main concern is a tie.
   * Said only where the reader weighed some criterion above others, or as essential. */
  function topTies(result) {
    var weights = result.drivers.map(function (d) { return d.weight; });
    // Where no criterion separates them, the verdict already says so.
    if (!result.drivers.some(function (d) { return d.pull; })) return "";
    var top = Math.max.apply(null, weights);
    if (top < LEVELS.length - 1 && top === Math.min.apply(null, weights)) return "";
    var atTop = result.drivers.filter(function (d) { return d.weight === top; })
      .sort(function (a, b) { return a.index - b.index; });
    var ties = atTop.filter(function (d) { return !d.pull; });
    if (!ties.length) return "";
    var names = listed(ties.map(function (d) { return labelText(d); }));
    var scores = ties.map(function (d) { return d.criterion.pytorch; });
    var each = scores.every(function (s) { return s === scores[0]; })
      ? number(scores[0]) + " each" : "each scores the same for both";
    var which = top === LEVELS.length - 1 ? "essential" : "most important";
    var several = ties.length > 1;
    var subject = ties.length < atTop.length
      ? "Of your " + which + " criteria, " + names + (several ? " are ties" : " is a tie")
      : "Your " + which + " criteri" + (several ? "a, " : "on, ") + names +
        (several ? ", are ties" : ", is a tie");
    return " " + subject + ": " + each + ", so " + (several ? "they do" : "it does") +
      " not separate the two.";
  }

  function driverItem(driver) {
    var item = document.createElement("li");
    var favours = driver.pull > 0 ? "pytorch" : "tensorflow";
    var other = favours === "pytorch" ? "tensorflow" : "pytorch";
    var name = document.createElement("strong");
    name.textContent = labelText(driver);
    item.appendChild(name);
    item.appendChild(document.createTextNode(
      " (" + level(driver.weight) + (driver.members ? ", counted once" : "") + "): " +
      NAMES[favours] + " " + number(driver.criterion[favours]) + " against " +
      NAMES[other] + " " + number(driver.criterion[other]) + ", " + points(Math.abs(driver.pull)) + " for " +
      NAMES[favours] + ". Evidence: "));
    driver.criterion.evidence.forEach(function (link, i) {
      if (i) item.appendChild(document.createTextNode(", "));
      var copy = document.createElement("a");
      copy.href = link.getAttribute("href");
      copy.textContent = link.textContent;
      item.appendChild(copy);
    });
    item.appendChild(document.createTextNode("."));
    return item;
  }

  function render(parts, result) {
    var diff = result.pytorch - result.tensorflow;
    var verdict, reason;  // the answer in bold, then why in plain text
    var shown = [];
    var against = null;
    parts.result.classList.remove("decision-pytorch", "decision-tensorflow", "decision-either");
    if (!result.max) {
      verdict = "Nothing to weigh yet:";
      reason = " every criterion is set to \u201cdoesn't matter\u201d. Move a slider.";
      parts.result.classList.add("decision-either");
    } else if (Math.abs(diff) / result.max < TIE) {
      verdict = "Either framework:";
      reason = diff === 0 && !result.drivers.some(function (d) { return d.pull; })
        ? " none of the criteria you weighted separates them. Pick by team experience."
        : " the totals are only " + points(Math.abs(diff)) + " apart." + topTies(result) +
          " Pick by team experience.";
      parts.result.classList.add("decision-either");
      shown = result.drivers.filter(function (d) { return d.pull; }).slice(0, 3);
    } else {
      var winner = diff > 0 ? "pytorch" : "tensorflow";
      var lead = Math.abs(diff) / result.max < LEAN ? " leans ahead" : " fits better";
      verdict = NAMES[winner] + lead + ",";
      reason = " by " + points(Math.abs(diff)) + " out of a possible " + number(result.max) +
        "." + topTies(result);
      parts.result.classList.add("decision-" + winner);
      shown = result.drivers.filter(function (d) { return d.pull * diff > 0; }).slice(0, 3);
      against = result.drivers.filter(function (d) { return d.pull * diff < 0; })[0];
    }
    // Rewritten only when it changes: the live region announces every rewrite.
    if (parts.verdict.textContent !== verdict + reason) {
      parts.verdict.textContent = "";
      var answer = document.createElement("strong");
      answer.textContent = verdict;
      parts.verdict.appendChild(answer);
      parts.verdict.appendChild(document.createTextNode(reason));
    }

    var totals = parts.totals;
    totals.textContent = "";
    ["pytorch", "tensorflow"].forEach(function (key) {
      var row = document.createElement("span");
      row.className = "decision-total decision-total-" + key;
      var name = document.createElement("span");
      name.className = "decision-total-name";
      name.textContent = NAMES[key];
      var bar = document.createElement("span");
      bar.className = "decision-bar";
      bar.setAttribute("aria-hidden", "true");
      var fill = document.createElement("span");
      fill.style.width = (result.max ? (100 * result[key]) / result.max : 0) + "%";
      bar.appendChild(fill);
      var value = document.createElement("span");
      value.className = "decision-total-value";
      value.textContent = number(result[key]) + " of " + result.max;
      row.appendChild(name);
      row.appendChild(bar);
      row.appendChild(value);
      totals.appendChild(row);
    });

    parts.why.textContent = "";
    shown.forEach(function (driver) {
      parts.why.appendChild(driverItem(driver));
    });
    parts.whyTitle.hidden = shown.length === 0;
    parts.why.hidden = shown.length === 0;

    // How a group of criteria on one fact was counted.
    if (parts.merged) {
      var notes = result.groups.map(function (g) {
        return labelText(g) + " rest on one fact, so they count once, as " + level(g.weight) +
          ", the most you weigh any of them. Each framework's fit for them is its fits " +
          "averaged by your weights: PyTorch " + number(g.criterion.pytorch) + ", TensorFlow " +
          number(g.criterion.tensorflow) + ".";
      });
      parts.merged.textContent = notes.join(" ");
      parts.merged.hidden = notes.length === 0;
    }

    // The strongest criterion on the losing side, so that a lead is never the whole story.
    parts.against.textContent = "";
    parts.against.hidden = !against;
    if (against) {
      var intro = document.createElement("span");
      intro.textContent = "Pulling the other way: ";
      parts.against.appendChild(intro);
      var detail = driverItem(against);
      while (detail.firstChild) parts.against.appendChild(detail.firstChild);
    }
  }

  function init() {
    var root = document.getElementById("decision-helper");
    if (!root || root.getAttribute("data-ready") === "true") return;
    var form = root.querySelector("form");
    var resultBox = root.querySelector(".decision-result");
    if (!form || !resultBox) return;
    var criteria = readCriteria(root.closest("article") || document);
    var sliders = Array.prototype.slice.call(
      form.querySelectorAll('input[type="range"][data-criterion]'));
    var parts = {
      result: resultBox,
      verdict: resultBox.querySelector(".decision-verdict"),
      totals: resultBox.querySelector(".decision-totals"),
      whyTitle: resultBox.querySelector(".decision-why-title"),
      why: resultBox.querySelector(".decision-why"),
      against: resultBox.querySelector(".decision-against"),
      merged: resultBox.querySelector(".decision-merged")
    };
    if (!parts.verdict || !parts.totals || !parts.whyTitle || !parts.why || !parts.against) {
      return;
    }
    root.setAttribute("data-ready", "true");

    function update() {
      sliders.forEach(function (slider) {
        var text = level(Number(slider.value));
        slider.setAttribute("aria-valuetext", text);
        var output = form.querySelector('output[for="' + slider.id + '"]');
        if (output) output.textContent = text;
      });
      render(parts, score(sliders, criteria));
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    // A reset event fires before the form restores its values.
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    resultBox.hidden = false;
    update();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
