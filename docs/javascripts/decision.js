/* The decision helper on decision.md.
 *
 * The numbers are not here: each row of the page's criteria table holds a
 * <span class="decision-fit" data-criterion="..." data-pytorch="0-3" data-tensorflow="0-3">
 * beside its evidence links, and each slider of the form names its row with data-criterion.
 * This script weighs the fit scores by the sliders and says which framework fits, by how
 * much, and which criteria drove it, linking their evidence.
 *
 * Criteria that rest on one fact share a data-group (deployment, serving and mobile all come
 * down to how each framework exports a model). A group counts once: through the member the
 * reader weighs most (on a tie, the one that separates the frameworks most), so three
 * sliders on one fact cannot add up to three reasons.
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

  function points(n) {
    return n + (n === 1 ? " point" : " points");
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

  function score(sliders, criteria) {
    var result = { pytorch: 0, tensorflow: 0, max: 0, drivers: [], merged: [] };
    var weighed = [];
    sliders.forEach(function (slider, index) {
      var criterion = criteria[slider.getAttribute("data-criterion")];
      var weight = Number(slider.value);
      if (!criterion || !weight) return;
      weighed.push({
        slider: slider,
        criterion: criterion,
        weight: weight,
        // Positive pulls toward PyTorch, negative toward TensorFlow.
        pull: weight * (criterion.pytorch - criterion.tensorflow),
        index: index
      });
    });
    // One fact weighs once: of each group, only the member weighed most counts.
    var counted = {};
    weighed.forEach(function (d) {
      var group = d.criterion.group;
      if (!group) return;
      var best = counted[group];
      if (!best || d.weight > best.weight ||
          (d.weight === best.weight && Math.abs(d.pull) > Math.abs(best.pull))) {
        counted[group] = d;
      }
    });
    weighed.forEach(function (d) {
      var group = d.criterion.group;
      if (group && counted[group] !== d) {
        result.merged.push({ driver: d, into: counted[group] });
        return;
      }
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

  function labelText(slider) {
    var label = slider.labels && slider.labels[0];
    return label ? label.textContent.trim() : slider.getAttribute("data-criterion");
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
    var names = listed(ties.map(function (d) { return labelText(d.slider); }));
    var scores = ties.map(function (d) { return d.criterion.pytorch; });
    var each = scores.every(function (s) { return s === scores[0]; })
      ? scores[0] + " each" : "each scores the same for both";
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
    name.textContent = labelText(driver.slider);
    item.appendChild(name);
    item.appendChild(document.createTextNode(
      " (" + level(driver.weight) + "): " + NAMES[favours] + " " +
      driver.criterion[favours] + " against " + NAMES[other] + " " +
      driver.criterion[other] + ", " + points(Math.abs(driver.pull)) + " for " +
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
    var verdict;
    var shown = [];
    var against = null;
    parts.result.classList.remove("decision-pytorch", "decision-tensorflow", "decision-either");
    if (!result.max) {
      verdict = "Every criterion is set to \u201cdoesn't matter\u201d, so there is nothing " +
        "to weigh yet: move a slider.";
      parts.result.classList.add("decision-either");
    } else if (Math.abs(diff) / result.max < TIE) {
      verdict = diff === 0 && !result.drivers.some(function (d) { return d.pull; })
        ? "Either framework: none of the criteria you weighted separates them. " +
          "Pick by team experience."
        : "Either framework: the totals are only " + points(Math.abs(diff)) + " apart." +
          topTies(result) + " Pick by team experience.";
      parts.result.classList.add("decision-either");
      shown = result.drivers.filter(function (d) { return d.pull; }).slice(0, 3);
    } else {
      var winner = diff > 0 ? "pytorch" : "tensorflow";
      var lead = Math.abs(diff) / result.max < LEAN ? " leans ahead" : " fits better";
      verdict = NAMES[winner] + lead + ", by " + points(Math.abs(diff)) + " out of a possible " +
        result.max + "." + topTies(result);
      parts.result.classList.add("decision-" + winner);
      shown = result.drivers.filter(function (d) { return d.pull * diff > 0; }).slice(0, 3);
      against = result.drivers.filter(function (d) { return d.pull * diff < 0; })[0];
    }
    if (parts.verdict.textContent !== verdict) parts.verdict.textContent = verdict;

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
      value.textContent = result[key] + " of " + result.max;
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

    // Criteria left out because another criterion of their group already counts.
    if (parts.merged) {
      var into = {};
      result.merged.forEach(function (m) {
        var key = m.into.slider.id;
        (into[key] = into[key] || { driver: m.into, names: [], tie: false }).names.push(
          labelText(m.driver.slider));
        if (m.driver.weight === m.into.weight) into[key].tie = true;
      });
      var notes = Object.keys(into).map(function (key) {
        var names = into[key].names;
        var list = listed(names);
        return list + " rest" + (names.length > 1 ? "" : "s") + " on the same fact as " +
          labelText(into[key].driver.slider) + ", so " + (names.length > 1 ? "they count" : "it counts") + " once, through " +
          labelText(into[key].driver.slider) + (into[key].tie
            ? ", the one of equal weight that separates the frameworks most."
            : ", the one you weigh most.");
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
