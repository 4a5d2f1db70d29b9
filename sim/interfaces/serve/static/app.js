// The what-if page: levers -> POST /api/run -> target table and SVG charts. Plain JavaScript,
// no library, nothing fetched from outside this server.
"use strict";

const T = {
  zh: {
    title: "情景推演", scenario: "情景：", language: "语言：", reset: "全部复原",
    likely: "达成可能性？", save: "另存为情景", file_name: "文件名：", title_zh: "中文标题：",
    title_en: "英文标题：", save_do: "保存", cancel: "取消", levers: "政策杠杆",
    levers_hint: "拖动滑块或输入数值；新值自所选年份起生效，之前沿用所选情景。每次改动都会重新运行模型。",
    targets: "规划目标", charts: "目标指标走势",
    legend: "黄色行：结论与所选情景不同；灰色小字为所选情景的值。",
    col_target: "目标", col_level: "规划值", col_deadline: "期限", col_value: "期限时的值",
    col_verdict: "结论", col_margin: "差距", col_first: "首次达成", col_p: "达成概率",
    unit: "单位", range: "允许范围", from: "起始年", set_by_scenario: "情景设定",
    set_by_profile: "地区基础数据", undo: "复原", running: "运行中……", ready: "已更新",
    model_ms: "服务器用时", changes: "项改动", none: "无改动",
    key_now: "当前推演", key_ref: "所选情景", key_hist: "观测值", key_target: "规划目标",
    key_band: "90%/50%区间",
    saved: "已保存：", validate_hint: "可用 python -m sim validate 检查，python -m sim run 运行。",
    likely_running: "正在抽样（1,000次）……", likely_done: "可能性：抽样", likely_inputs: "个不确定输入",
    nothing_to_save: "没有改动：情景与所选情景相同。", reached_year: "年",
    compare: "对比情景", compare_pick: "选择要对比的情景（同一地区，至少两个）：", compare_do: "生成对比报告",
    compare_running: "正在运行并绘图（约半分钟）……", compare_open: "打开对比报告", compare_saved: "报告已写入 ",
    compare_two: "请至少选择两个情景。",
    summary: (n, of, inputs, flips) => `期限前达成：${of}项中${n}项` + (inputs ? `（另有${inputs}项由输入决定）` : "") + (flips ? `；${flips}项结论与所选情景不同` : ""),
  },
  en: {
    title: "What-if", scenario: "Scenario:", language: "Language:", reset: "Reset all",
    likely: "How likely?", save: "Save as scenario", file_name: "File name:",
    title_zh: "Chinese title:", title_en: "English title:", save_do: "Save", cancel: "Cancel",
    levers: "Levers",
    levers_hint: "Drag a slider or type a value; it applies from the chosen year, the chosen scenario before it. Every change re-runs the model.",
    targets: "Plan targets", charts: "Targeted indicators",
    legend: "Yellow rows: verdict differs from the chosen scenario; small grey text: its value.",
    col_target: "Target", col_level: "Level", col_deadline: "Deadline",
    col_value: "Value at deadline", col_verdict: "Verdict", col_margin: "Margin",
    col_first: "First reached", col_p: "P(reached)", unit: "unit", range: "allowed",
    from: "from", set_by_scenario: "set by the scenario", set_by_profile: "region profile",
    undo: "undo", running: "running…", ready: "updated", model_ms: "server", changes: "changes",
    none: "no changes", key_now: "what-if", key_ref: "chosen scenario", key_hist: "observed",
    key_target: "plan target", key_band: "90%/50% range", saved: "Saved: ",
    validate_hint: "Check it with python -m sim validate, run it with python -m sim run.",
    likely_running: "sampling (1,000 draws)…", likely_done: "How likely: draws",
    likely_inputs: "uncertain inputs", nothing_to_save: "Nothing changed: same as the chosen scenario.",
    reached_year: "",
    compare: "Compare", compare_pick: "Scenarios to compare (one region, two or more):",
    compare_do: "Make the compare report", compare_running: "running and drawing (about half a minute)…",
    compare_open: "Open the compare report", compare_saved: "written into ",
    compare_two: "Choose two or more scenarios.",
    summary: (n, of, inputs, flips) => `Targets reached by their deadline: ${n} of ${of}` + (inputs ? ` (${inputs} more set by input)` : "") + (flips ? `; ${flips} verdict${flips > 1 ? "s" : ""} differ from the chosen scenario` : ""),
  },
};

const config = Object.assign({start: null, lang: "zh"}, window.SIM_CONFIG || {});
const params = new URLSearchParams(location.search);
const state = {
  lang: params.get("lang") || config.lang, library: [], file: null, meta: null,
  changes: {}, reference: null, current: null, likely: null,
  inflight: false, pending: null, runs: 0,
};
window.simTimings = [];  // per update: ms from the change to the drawn result, and the server's

const $ = (sel) => document.querySelector(sel);
const t = (key) => T[state.lang][key] ?? key;
const el = (tag, attrs = {}, ...kids) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const kid of kids) node.append(kid);
  return node;
};
const SVG = "http://www.w3.org/2000/svg";
const sv = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

// --- numbers ---------------------------------------------------------------------------------
function fmt(x, digits = 4) {
  if (x === null || x === undefined || !isFinite(x)) return "—";
  const a = Math.abs(x);
  const d = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : Math.min(digits, 4);
  return x.toLocaleString(state.lang === "zh" ? "zh-CN" : "en-US", {maximumFractionDigits: d});
}
function axisFmt(x, percent, step) {
  // Decimals enough to tell neighbouring ticks apart (`step` apart).
  const places = (s) => Math.max(0, Math.min(4, -Math.floor(Math.log10(s) + 1e-9)));
  if (percent) return (x * 100).toFixed(places(step * 100)) + "%";
  const a = Math.abs(x);
  if (a >= 1e4 && state.lang === "zh") return (x / 1e4).toFixed(places(step / 1e4)) + "万";
  if (a >= 1e6) return (x / 1e6).toFixed(places(step / 1e6)) + "M";
  if (a >= 1e4) return (x / 1e3).toFixed(places(step / 1e3)) + "k";
  return x.toFixed(places(step));
}
function niceStep(span) {
  const p = Math.pow(10, Math.floor(Math.log10(span)));
  const m = span / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

// --- API -------------------------------------------------------------------------------------
async function api(path, body) {
  const init = body === undefined ? {} : {method: "POST", body: JSON.stringify(body),
    headers: {"Content-Type": "application/json"}};
  const response = await fetch(path, init);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}
function setStatus(text, kind = "idle") {
  const s = $("#status");
  s.textContent = text;
  s.dataset.state = kind;
}

// --- the scenario a change makes -------------------------------------------------------------
function leverSeries(lever, change) {
  const years = yearsOf();
  if (change.start <= years[0]) return change.value;
  const stepLike = typeof lever.base === "number" || (lever.base && lever.base.step);
  const table = {};
  let last = null;
  years.forEach((y, i) => {
    if (y >= change.start) return;
    const v = lever.path[i];
    if (!stepLike || v !== last) table[y] = v;
    last = v;
  });
  table[change.start] = change.value;
  return stepLike ? {step: table} : {table};
}
function yearsOf() {
  const s = state.meta.scenario;
  return Array.from({length: s.end - s.start + 1}, (_, i) => s.start + i);
}
function scenarioDoc() {
  const levers = {};
  for (const lever of state.meta.levers) {
    const change = state.changes[lever.key];
    if (change) levers[lever.key] = leverSeries(lever, change);
  }
  const doc = {region: state.meta.region.name, extends: state.file.split("/")[1]};
  if (Object.keys(levers).length) doc.levers = levers;
  return doc;
}

// --- running ---------------------------------------------------------------------------------
function requestRun(changedAt = performance.now()) {
  state.likely = null;
  if (state.inflight) {
    state.pending = state.pending ?? changedAt;
    return;
  }
  runNow(changedAt);
}
async function runNow(changedAt) {
  state.inflight = true;
  setStatus(t("running"), "running");
  const doc = scenarioDoc();
  try {
    const result = await api("/api/run", doc);
    const received = performance.now();
    state.current = result;
    render();
    const drawn = performance.now();
    state.runs += 1;
    $("#status").dataset.runs = state.runs;
    const n = Object.keys(state.changes).length;
    setStatus(`${t("ready")} · ${n ? n + " " + t("changes") : t("none")} · ${t("model_ms")} ${result.server_ms} ms`);
    requestAnimationFrame(() => window.simTimings.push(
      {ms: performance.now() - changedAt, server_ms: result.server_ms,
        server_cpu_ms: result.server_cpu_ms, draw_ms: drawn - received,
        frame_ms: performance.now() - received}));
  } catch (error) {
    setStatus(error.message, "error");
    state.runs += 1;
    $("#status").dataset.runs = state.runs;
  } finally {
    state.inflight = false;
    if (state.pending !== null) {
      const at = state.pending;
      state.pending = null;
      runNow(at);
    }
  }
}

// --- loading a scenario ----------------------------------------------------------------------
async function loadScenario(file) {
  setStatus(t("running"), "running");
  try {
    const meta = await api("/api/levers?scenario=" + encodeURIComponent(file));
    state.file = file;
    state.meta = meta;
    state.changes = {};
    state.likely = null;
    const reference = await api("/api/run", scenarioDoc());
    state.reference = reference;
    state.current = reference;
    buildLevers();
    buildCharts();
    render();
    state.runs += 1;
    $("#status").dataset.runs = state.runs;
    setStatus(`${t("ready")} · ${t("none")} · ${t("model_ms")} ${reference.server_ms} ms`);
    const url = new URL(location.href);
    url.searchParams.set("scenario", file);
    history.replaceState(null, "", url);
  } catch (error) {
    setStatus(error.message, "error");
  }
}

function sliderRange(lever) {
  // A wide allowed range (0 to 1,000,000 beds a year) would make the slider useless: it runs to
  // about 4 times the largest value of the chosen scenario (1,000 when that is 0); the box
  // beside it takes any allowed value.
  const maxAbs = Math.max(...lever.path.map(Math.abs));
  let hi = lever.high;
  if (lever.high - lever.low > 100 && lever.high > 10 * Math.max(maxAbs, 100)) {
    const want = maxAbs > 0 ? 4 * maxAbs : 1000;
    hi = Math.min(lever.high, niceStep(want) * Math.ceil(want / niceStep(want)));
  }
  const step = niceStep((hi - lever.low) / 400) / (hi - lever.low > 10 ? 1 : 2);
  return {lo: lever.low, hi, step: Math.min(step, 1)};
}

function buildLevers() {
  const box = $("#lever-groups");
  box.replaceChildren();
  const years = yearsOf();
  const sectors = state.meta.sectors;
  for (const [sector, names] of Object.entries(sectors)) {
    const levers = state.meta.levers.filter((l) => l.sector === sector);
    if (!levers.length) continue;
    const set = el("fieldset", {}, el("legend", {text: `${names.zh} ${names.en}`}));
    for (const lever of levers) set.append(leverRow(lever, years));
    box.append(set);
  }
}

function leverRow(lever, years) {
  const r = sliderRange(lever);
  const unit = state.lang === "zh" ? lever.unit_zh
    : ({"1": "fraction", "1/year": "fraction per year"}[lever.unit] || lever.unit);
  const row = el("div", {class: "lever", "data-key": lever.key});
  const slider = el("input", {type: "range", min: r.lo, max: r.hi, step: "any",
    "aria-label": `${lever.label_zh} ${lever.label_en}`, "data-role": "slider"});
  const number = el("input", {type: "number", min: lever.low, max: lever.high, step: "any",
    "aria-label": `${lever.label_zh} (${unit})`, "data-role": "value"});
  const start = el("select", {"aria-label": t("from"), "data-role": "start"});
  for (const y of years.slice(0, -1)) start.append(el("option", {value: y, text: String(y)}));
  const undo = el("button", {type: "button", class: "undo", text: t("undo"), hidden: ""});
  const setBy = lever.set_by === "scenario" ? t("set_by_scenario") : t("set_by_profile");
  row.append(
    el("div", {class: "name", text: lever.label_zh}),
    el("div", {class: "name-en", text: lever.label_en}),
    el("div", {class: "meta", text: `${t("unit")}：${unit} · ${t("range")} ${fmt(lever.low)}–${fmt(lever.high)} · ${setBy}`
      .replace("：", state.lang === "zh" ? "：" : ": ")}),
    el("div", {class: "row"}, slider, number),
    el("div", {class: "row"}, el("span", {class: "meta", text: t("from")}), start, undo));
  const show = () => {
    const change = state.changes[lever.key];
    const value = change ? change.value : lever.value;
    slider.value = Math.min(Math.max(value, r.lo), r.hi);
    number.value = +value.toPrecision(6);
    start.value = change ? change.start : years[0];
    row.classList.toggle("changed", !!change);
    undo.hidden = !change;
  };
  const changed = (value) => {
    if (!(value >= lever.low && value <= lever.high)) {
      setStatus(state.lang === "zh"
        ? `${lever.label_zh}：${number.value} 超出允许范围 ${fmt(lever.low)}–${fmt(lever.high)}（${unit}），未运行。`
        : `${lever.label_en}: ${number.value} is outside the allowed range ${fmt(lever.low)}–${fmt(lever.high)} (${unit}); not run.`, "error");
      return;
    }
    const old = state.changes[lever.key];
    state.changes[lever.key] = {value, start: old ? old.start : years[0]};
    show();
    requestRun();
  };
  slider.addEventListener("input", () => {
    const v = Number(slider.value);
    changed(r.step >= 1 ? Math.round(v) : +(Math.round(v / r.step) * r.step).toPrecision(6));
  });
  number.addEventListener("change", () => changed(Number(number.value)));
  start.addEventListener("change", () => {
    const old = state.changes[lever.key] || {value: lever.value};
    state.changes[lever.key] = {value: old.value, start: Number(start.value)};
    show();
    requestRun();
  });
  undo.addEventListener("click", () => { delete state.changes[lever.key]; show(); requestRun(); });
  show();
  return row;
}

// --- target table ----------------------------------------------------------------------------
function render() {
  renderTable();
  drawCharts();
  renderSummary();
}

function renderSummary() {
  const verdicts = state.current.verdicts;
  const judged = verdicts.filter((v) => v.status !== "set_by_input");
  const reached = judged.filter((v) => v.status === "reached").length;
  const ref = Object.fromEntries((state.reference?.verdicts || []).map((v) => [v.id, v.status]));
  const flips = verdicts.filter((v) => ref[v.id] && ref[v.id] !== v.status).length;
  const box = $("#summary");
  box.textContent = T[state.lang].summary(reached, judged.length, verdicts.length - judged.length, flips);
  box.className = reached === judged.length ? "ok" : "";
}

function renderTable() {
  const zh = state.lang === "zh";
  const head = $("#targets-table thead");
  const cols = ["col_target", "col_level", "col_deadline", "col_value", "col_verdict",
    "col_margin", "col_first"];
  if (state.likely) cols.push("col_p");
  head.replaceChildren(el("tr", {}, ...cols.map((c) => el("th", {text: t(c)}))));
  const body = $("#targets-table tbody");
  body.replaceChildren();
  const ref = Object.fromEntries((state.reference?.verdicts || []).map((v) => [v.id, v]));
  const p = Object.fromEntries((state.likely?.targets || []).map((r) => [r.id, r]));
  for (const v of state.current.verdicts) {
    const was = ref[v.id];
    const flipped = was && was.status !== v.status;
    const tr = el("tr", {"data-target": v.id, class: flipped ? "flipped" : ""});
    const value = el("td", {class: "num", text: v.shown.value});
    if (was && was.shown.value !== v.shown.value) value.append(el("span", {class: "was", text: was.shown.value}));
    const verdict = el("td", {class: "verdict", "data-status": v.status,
      text: zh ? v.status_zh : v.status_en, title: v.input_reason || ""});
    if (flipped) verdict.append(el("span", {class: "was", text: zh ? was.status_zh : was.status_en}));
    tr.append(
      el("td", {text: zh ? v.label_zh : v.label_en, title: v.source}),
      el("td", {class: "num", text: `${v.comparison.replace(">=", "≥").replace("<=", "≤")} ${v.shown.level}`}),
      el("td", {class: "num", text: String(v.deadline)}),
      value, verdict,
      el("td", {class: "num", text: v.status === "set_by_input" ? "—" : v.shown.margin}),
      el("td", {class: "num", text: v.first_year === null ? "—" : String(v.first_year)}));
    if (state.likely) {
      const row = p[v.id];
      tr.append(el("td", {class: "num", "data-role": "p",
        text: !row || row.p_reached === null || row.set_by_input ? "—" : Math.round(row.p_reached * 100) + "%"}));
    }
    body.append(tr);
  }
}

// --- charts ----------------------------------------------------------------------------------
const W = 360, H = 200, M = {l: 50, r: 16, t: 8, b: 22};

function buildCharts() {
  const box = $("#charts");
  box.replaceChildren();
  const zh = state.lang === "zh";
  const key = el("div", {class: "key"});
  const item = (cls, text, style) => el("span", {}, el("i", {style}), text);
  key.append(item("now", t("key_now"), "border-top:2px solid #1f5fbf"),
    item("ref", t("key_ref"), "border-top:2px dashed #8a8f99"),
    item("hist", "● " + t("key_hist"), "display:none"),
    item("target", t("key_target"), "border-top:2px dotted #c0392b"));
  box.before(key);
  document.querySelectorAll(".key").forEach((k, i, all) => { if (i < all.length - 1) k.remove(); });
  for (const chart of state.meta.charts) {
    const fig = el("figure", {class: "chart", "data-chart": chart.id},
      el("figcaption", {text: zh ? chart.label_zh : chart.label_en}),
      sv("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": zh ? chart.label_zh : chart.label_en}));
    box.append(fig);
  }
}

function drawCharts() {
  const years = state.current.years;
  for (const chart of state.meta.charts) {
    const svg = document.querySelector(`figure[data-chart="${CSS.escape(chart.id)}"] svg`);
    if (svg) drawChart(svg, chart, years);
  }
}

function drawChart(svg, chart, years) {
  const now = state.current.series[chart.id] || [];
  const ref = state.reference?.series[chart.id] || [];
  const band = state.likely?.bands?.[chart.id];
  const hist = chart.history;
  const ys = [...now, ...ref, ...hist.map((p) => p.y), ...chart.targets.map((x) => x.level),
    ...(band ? [...band[0], ...band[4]] : [])].filter((y) => y !== null && isFinite(y));
  let lo = Math.min(...ys), hi = Math.max(...ys);
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) { lo -= Math.abs(lo) * 0.05 + 1e-6; hi += Math.abs(hi) * 0.05 + 1e-6; }
  const pad = (hi - lo) * 0.06; lo -= pad; hi += pad;
  const x0 = Math.min(years[0], ...hist.map((p) => p.x)), x1 = years[years.length - 1];
  const X = (x) => M.l + (x - x0) / (x1 - x0) * (W - M.l - M.r);
  const Y = (y) => H - M.b - (y - lo) / (hi - lo) * (H - M.t - M.b);
  svg.replaceChildren();
  const step = niceStep((hi - lo) / 4);
  for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) {
    svg.append(sv("line", {class: "axis", x1: M.l, x2: W - M.r, y1: Y(y), y2: Y(y)}));
    const label = sv("text", {x: M.l - 4, y: Y(y) + 3, "text-anchor": "end"});
    label.textContent = axisFmt(y, chart.percent, step);
    svg.append(label);
  }
  const xstep = x1 - x0 > 20 ? 10 : 5;
  for (let x = Math.ceil(x0 / xstep) * xstep; x <= x1; x += xstep) {
    const label = sv("text", {x: X(x), y: H - 6, "text-anchor": "middle"});
    label.textContent = String(x);
    svg.append(label, sv("line", {class: "axis", x1: X(x), x2: X(x), y1: H - M.b, y2: H - M.b + 3}));
  }
  const path = (values) => values.map((v, i) => v === null ? "" : `${i && values[i - 1] !== null ? "L" : "M"}${X(years[i]).toFixed(1)},${Y(v).toFixed(1)}`).join("");
  if (band) {
    const area = (a, b) => `M${years.map((y, i) => `${X(y).toFixed(1)},${Y(a[i]).toFixed(1)}`).join("L")}` +
      `L${years.map((y, i) => `${X(y).toFixed(1)},${Y(b[i]).toFixed(1)}`).reverse().join("L")}Z`;
    svg.append(sv("path", {class: "band-outer", d: area(band[0], band[4])}),
      sv("path", {class: "band-inner", d: area(band[1], band[3])}));
  }
  for (const target of chart.targets) {
    svg.append(sv("line", {class: "target", x1: X(x0), x2: X(Math.min(target.deadline, x1)), y1: Y(target.level), y2: Y(target.level)}));
    if (target.deadline <= x1) svg.append(sv("circle", {class: "deadline", cx: X(target.deadline), cy: Y(target.level), r: 3}));
  }
  if (ref.length) svg.append(sv("path", {class: "ref", d: path(ref)}));
  svg.append(sv("path", {class: "now", d: path(now), "data-role": "now"}));
  for (const p of hist) {
    const dot = sv("circle", {class: "hist", cx: X(p.x).toFixed(1), cy: Y(p.y).toFixed(1), r: 2.2});
    const tip = sv("title");
    tip.textContent = `${fmt(p.x, 1)}: ${fmt(p.y)} (${p.source})`;
    dot.append(tip);
    svg.append(dot);
  }
}

// --- save, how likely, language --------------------------------------------------------------
function openSave() {
  const form = $("#save-form");
  form.hidden = false;
  const s = state.meta.scenario;
  if (!$("#save-file").value) $("#save-file").value = `${s.name}_whatif`;
  if (!$("#save-title-zh").value) $("#save-title-zh").value = `${s.title_zh || s.name}（推演）`;
  if (!$("#save-title-en").value) $("#save-title-en").value = `${s.title_en || s.name} (what-if)`;
  $("#save-result").textContent = "";
}

async function save(event) {
  event.preventDefault();
  const out = $("#save-result");
  out.className = "";
  if (!Object.keys(state.changes).length) {
    out.textContent = t("nothing_to_save");
    out.className = "error";
    return;
  }
  try {
    const result = await api("/api/save", {scenario: scenarioDoc(), file: $("#save-file").value.trim(),
      title_zh: $("#save-title-zh").value.trim(), title_en: $("#save-title-en").value.trim()});
    out.textContent = `${t("saved")}${result.file}。${t("validate_hint")}`.replace("。", state.lang === "zh" ? "。" : ". ");
    out.dataset.file = result.file;
    await loadLibrary();
  } catch (error) {
    out.textContent = error.message;
    out.className = "error";
  }
}

async function howLikely() {
  setStatus(t("likely_running"), "running");
  const started = performance.now();
  try {
    const result = await api("/api/uncertainty", scenarioDoc());
    state.likely = result;
    render();
    setStatus(`${t("likely_done")} ${result.samples}，${result.uncertain_inputs} ${t("likely_inputs")} · ${((performance.now() - started) / 1000).toFixed(1)} s`
      .replace("，", state.lang === "zh" ? "，" : ", "));
  } catch (error) {
    setStatus(error.message, "error");
  }
}

function openCompare() {
  const form = $("#compare-form");
  form.hidden = false;
  const box = $("#compare-files");
  box.replaceChildren();
  for (const s of state.library.filter((x) => x.region === state.meta.region.name)) {
    const title = state.lang === "zh" ? (s.title_zh || s.name) : (s.title_en || s.name);
    const check = el("input", {type: "checkbox", value: s.file});
    check.checked = s.file === state.file;
    box.append(el("label", {}, check, ` ${title}`));
  }
  $("#compare-result").textContent = "";
}

async function compareReport(event) {
  event.preventDefault();
  const out = $("#compare-result");
  out.className = "";
  const files = [...document.querySelectorAll("#compare-files input:checked")].map((c) => c.value);
  if (files.length < 2) { out.textContent = t("compare_two"); out.className = "error"; return; }
  out.textContent = t("compare_running");
  try {
    const result = await api(`/api/compare?lang=${state.lang}`, {files});
    out.replaceChildren(el("a", {href: result.url, target: "_blank", rel: "noopener", text: t("compare_open")}),
      ` · ${t("compare_saved")}${result.folder}`);
  } catch (error) {
    out.textContent = error.message;
    out.className = "error";
  }
}

function translate() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((node) => { node.textContent = t(node.dataset.t); });
  $("#lang-picker").value = state.lang;
}

async function loadLibrary() {
  const {scenarios} = await api("/api/scenarios");
  state.library = scenarios;
  const picker = $("#scenario-picker");
  const chosen = picker.value || state.file;
  picker.replaceChildren();
  const groups = {};
  for (const s of scenarios) {
    if (!groups[s.region]) { groups[s.region] = el("optgroup", {label: s.region}); picker.append(groups[s.region]); }
    const title = state.lang === "zh" ? (s.title_zh || s.name) : (s.title_en || s.name);
    groups[s.region].append(el("option", {value: s.file, text: `${title} — ${s.file}`}));
  }
  if (chosen) picker.value = chosen;
}

function showScenarioTitle() {
  const s = state.meta.scenario, r = state.meta.region;
  $("#region-name").textContent = state.lang === "zh" ? `${r.name_zh}（${r.name_en}）` : `${r.name_en} (${r.name_zh})`;
  const title = state.lang === "zh" ? (s.title_zh || s.name) : (s.title_en || s.name);
  $("#scenario-title").textContent = `${title} · ${s.file} · ${s.start}–${s.end}`;
}

async function main() {
  translate();
  // Chromium may keep text laid out before the page's CJK font arrived as empty boxes: lay the
  // fixed texts out again once it has loaded.
  document.fonts.addEventListener("loadingdone", () => {
    translate();
    if (state.meta && state.current) {
      buildLevers(); buildCharts(); render(); showScenarioTitle();
    }
  });
  await loadLibrary();
  const files = state.library.map((s) => s.file);
  const wanted = params.get("scenario") || config.start;
  const first = files.includes(wanted) ? wanted
    : files.includes("hangzhou/baseline.yaml") ? "hangzhou/baseline.yaml" : files[0];
  $("#scenario-picker").value = first;
  await loadScenario(first);
  showScenarioTitle();
  $("#scenario-picker").addEventListener("change", async (e) => { await loadScenario(e.target.value); showScenarioTitle(); });
  $("#lang-picker").addEventListener("change", async (e) => {
    state.lang = e.target.value;
    translate();
    await loadLibrary();
    buildLevers(); buildCharts(); render(); showScenarioTitle();
  });
  $("#reset").addEventListener("click", () => { state.changes = {}; buildLevers(); requestRun(); });
  $("#save-open").addEventListener("click", openSave);
  $("#save-cancel").addEventListener("click", () => { $("#save-form").hidden = true; });
  $("#save-form").addEventListener("submit", save);
  $("#likely").addEventListener("click", howLikely);
  $("#compare-open").addEventListener("click", openCompare);
  $("#compare-cancel").addEventListener("click", () => { $("#compare-form").hidden = true; });
  $("#compare-form").addEventListener("submit", compareReport);
}

main();
