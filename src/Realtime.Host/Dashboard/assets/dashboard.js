// The merchant dashboard. Every number comes from the engine's HTTP/JSON API (the same RPCs as gRPC), called with the
// browser's session cookie; the only dashboard-specific endpoint is the sampled segment history.
"use strict";

const SUMMARY_EVERY_MS = 15000;   // lifecycle summary, uplift, segment history, ingest metrics
const CHURN_EVERY_MS = 60000;     // churn scan and the at-risk table: a scan over every customer, so less often
const AT_RISK_CANDIDATES = 40;    // highest-risk customers whose profiles are read to rank by value
const AT_RISK_SHOWN = 10;

const SEGMENT_COLORS = {
  new: "#8da9c4", first_time_buyer: "#5dade2", active: "#27ae60", hero: "#1f618d",
  at_risk: "#e67e22", inactive: "#95a5a6", negative_experience: "#c0392b", cart_abandoner: "#f4d03f",
};
const RISK_COLORS = ["#1e8449", "#27ae60", "#52be80", "#82e0aa", "#f7dc6f", "#f5b041", "#eb984e", "#dc7633", "#cb4335", "#922b21"];

const charts = {};
const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (share) => share === undefined || share === null ? "–" : `${Math.round(share * 100)} %`;
const words = (wire) => (wire || "").replace(/_/g, " ");
const byId = (id) => document.getElementById(id);
let lastIngest = null;

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = "#4a5563";
// Updated in place every few seconds: no animation, so a refresh never shows half-drawn bars.
Chart.defaults.animation = false;
Chart.defaults.plugins.legend.labels.boxWidth = 12;

async function api(path, init) {
  const response = await fetch(path, Object.assign({ headers: { accept: "application/json" } }, init));
  if (response.status === 401) {
    throw new Error("Your session has ended: open a new sign-in link (realtime dashboard-login).");
  }
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return response;
}

const getJson = async (path) => (await api(path)).json();

// Server-streaming RPCs answer one JSON message per line.
async function getStream(path) {
  const text = await (await api(path)).text();
  const messages = text.split("\n").filter((line) => line.trim().length > 0).map((line) => JSON.parse(line));
  const failure = messages.find((m) => m.code !== undefined && m.message !== undefined && Object.keys(m).length <= 3);
  if (failure) {
    throw new Error(`${path}: ${failure.message}`);
  }
  return messages;
}

function chart(id, config) {
  if (charts[id]) {
    charts[id].data = config.data;
    charts[id].update();
  } else {
    charts[id] = new Chart(byId(id), config);
  }
}

function showError(error) {
  let banner = byId("error");
  if (!banner) {
    banner = document.createElement("div");
    banner.id = "error";
    banner.className = "error";
    document.querySelector("main").prepend(banner);
  }
  banner.textContent = error.message;
}

function clearError() {
  byId("error")?.remove();
}

function renderSummary(summary) {
  byId("customers").textContent = integer.format(summary.customers);
  byId("customers").dataset.value = summary.customers;
  byId("buyers").textContent = integer.format(summary.buyers);
  const shares = Object.fromEntries(summary.returningRevenueShare.map((r) => [r.days, r.returningShare]));
  byId("returning-90").textContent = percent(shares[90]);
  byId("returning-other").textContent = `last 90 days · 30 d ${percent(shares[30])} · 365 d ${percent(shares[365])}`;

  const overall = summary.overall || {};
  byId("clv-cac").textContent = overall.clvToCac === undefined ? "–" : `${overall.clvToCac.toFixed(1)} : 1`;
  byId("clv-cac-verdict").textContent = words(overall.verdict);
  byId("clv-cac-verdict").className = `sub verdict-${overall.verdict}`;

  const maturity = summary.maturity || {};
  const stage = byId("maturity-stage");
  stage.textContent = words(maturity.stage);
  stage.dataset.stage = maturity.stage;
  byId("maturity-detail").textContent =
    `${(maturity.salesPerDay || 0).toFixed(1)} orders a day · ${integer.format(maturity.storeAgeDays || 0)} days old`;

  const retention = maturity.recommendedRetentionShare || 0;
  byId("split-text").textContent =
    `A ${words(maturity.stage)} store should put about ${percent(retention)} of its marketing effort on keeping customers ` +
    `and ${percent(1 - retention)} on finding new ones.`;
  chart("split-chart", {
    type: "doughnut",
    data: { labels: ["retention", "acquisition"], datasets: [{ data: [retention, 1 - retention], backgroundColor: ["#2f6fed", "#d5dbe3"] }] },
    options: {
      maintainAspectRatio: false, cutout: "62%",
      plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: (c) => `${c.label} ${percent(c.raw)}` } } },
    },
  });

  const segments = summary.segments;
  chart("segments-chart", {
    type: "bar",
    data: {
      labels: segments.map((s) => words(s.segment)),
      datasets: [{ data: segments.map((s) => s.customers), backgroundColor: segments.map((s) => SEGMENT_COLORS[s.segment] || "#999") }],
    },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
  });
  const rows = segments.map((s) => `<tr data-segment="${s.segment}"><td>${words(s.segment)}</td><td class="n">${integer.format(s.customers)}</td></tr>`);
  byId("segments-table").querySelector("tbody").innerHTML = rows.join("");

  chart("weeks-chart", {
    type: "bar",
    data: {
      labels: summary.weeks.map((w) => w.week),
      datasets: [
        { label: "new", data: summary.weeks.map((w) => w.newCustomers), backgroundColor: "#8da9c4" },
        { label: "returning", data: summary.weeks.map((w) => w.returningCustomers), backgroundColor: "#1f618d" },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }, plugins: { legend: { position: "bottom" } } },
  });

  const channels = summary.channels.filter((c) => c.clvToCac !== undefined);
  chart("channels-chart", {
    data: {
      labels: channels.map((c) => c.channel),
      datasets: [
        {
          type: "bar", label: "CLV : CAC", data: channels.map((c) => c.clvToCac),
          backgroundColor: channels.map((c) => (c.clvToCac < 1 ? "#cb4335" : c.clvToCac < 2.5 ? "#f5b041" : c.clvToCac <= 5 ? "#27ae60" : "#5dade2")),
        },
        { type: "line", label: "3 : 1 target", data: channels.map(() => 3), borderColor: "#14213d", borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
      ],
    },
    options: {
      plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { afterLabel: (c) => c.datasetIndex === 0 ? words(channels[c.dataIndex].verdict) : "" } } },
      scales: { y: { type: "logarithmic", min: 0.5, title: { display: true, text: "CLV : CAC (log)" } } },
    },
  });
}

// The funnel's steps as the API names them: the count, and the conversion from the step before.
const FUNNEL_STEPS = [
  { label: "registered", count: "entered" },
  { label: "1st order", count: "firstOrder", rate: "firstOrderRate", median: "medianDaysToFirstOrder" },
  { label: "2nd order", count: "secondOrder", rate: "secondOrderRate", median: "medianDaysToSecondOrder" },
  { label: "3rd order", count: "thirdOrder", rate: "thirdOrderRate", median: "medianDaysToThirdOrder" },
];
const days = (d) => d === undefined || d === null ? "–" : `${d} d`;

function renderFunnel(funnel) {
  const overall = funnel.overall || {};
  chart("funnel-chart", {
    type: "bar",
    data: {
      labels: FUNNEL_STEPS.map((s) => s.rate ? `${s.label} (${percent(overall[s.rate])})` : s.label),
      datasets: [{ label: "customers", data: FUNNEL_STEPS.map((s) => overall[s.count] || 0), backgroundColor: ["#8da9c4", "#5dade2", "#2f6fed", "#1f618d"] }],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { afterLabel: (c) => FUNNEL_STEPS[c.dataIndex].median ? `median ${days(overall[FUNNEL_STEPS[c.dataIndex].median])} from the step before` : "" } },
      },
      scales: { y: { beginAtZero: true } },
    },
  });

  const rows = [Object.assign({}, overall, { key: "all" })].concat(funnel.channels || []);
  byId("funnel-table").querySelector("tbody").innerHTML = rows.map((row) =>
    `<tr data-funnel-row="${row.key}"><td>${row.key === "all" ? "all channels" : words(row.key)}</td>` +
    FUNNEL_STEPS.map((s) => `<td data-step="${s.count}"><span class="n">${integer.format(row[s.count] || 0)}</span>` +
      (s.rate ? `<span class="rate">${percent(row[s.rate])}</span>` : "") + "</td>").join("") +
    FUNNEL_STEPS.filter((s) => s.median).map((s) => `<td data-median="${s.median}">${days(row[s.median])}</td>`).join("") +
    "</tr>").join("");

  const incentive = funnel.secondPurchaseWindow || {};
  const text = byId("funnel-window");
  text.textContent = `${percent(incentive.share)} of ${integer.format(incentive.firstTimeBuyers || 0)} first-time buyers are ` +
    `${incentive.startDays || 0}–${incentive.endDays || 0} days after their first order: the window for a second-purchase incentive.`;
  text.dataset.share = incentive.share === undefined ? "" : percent(incentive.share);
}

function renderHistory(samples) {
  const segments = Object.keys(samples[samples.length - 1].customers);
  const spanMs = new Date(samples[samples.length - 1].at) - new Date(samples[0].at);
  const clock = spanMs < 3600000 ? { hour: "2-digit", minute: "2-digit", second: "2-digit" } : { hour: "2-digit", minute: "2-digit" };
  const time = (at) => new Date(at).toLocaleTimeString([], clock);
  byId("history-span").textContent = samples.length > 1 ? `since ${time(samples[0].at)}` : "sampling…";
  chart("history-chart", {
    type: "line",
    data: {
      labels: samples.map((s) => time(s.at)),
      datasets: segments.map((segment) => ({
        label: words(segment), data: samples.map((s) => s.customers[segment]), borderColor: SEGMENT_COLORS[segment] || "#999",
        backgroundColor: SEGMENT_COLORS[segment] || "#999", pointRadius: samples.length > 30 ? 0 : 2, tension: 0.25,
      })),
    },
    options: { plugins: { legend: { position: "bottom" } }, scales: { y: { beginAtZero: true } } },
  });
}

function renderUplift(uplift) {
  const offers = uplift.offers || [];
  byId("uplift-empty").hidden = offers.length > 0;
  byId("uplift-chart-box").hidden = offers.length === 0;
  chart("uplift-chart", {
    data: {
      labels: offers.map((o) => o.offerId),
      datasets: [
        {
          type: "bar", label: "95 % interval", data: offers.map((o) => [o.low * 100, o.high * 100]),
          backgroundColor: offers.map((o) => (o.significant ? "rgba(39,174,96,.35)" : "rgba(149,165,166,.35)")), barPercentage: 0.5,
        },
        { type: "scatter", label: "uplift (points)", data: offers.map((o) => ({ x: o.offerId, y: o.uplift * 100 })), backgroundColor: "#14213d", pointRadius: 5 },
      ],
    },
    options: {
      indexAxis: "x",
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { afterLabel: (c) => { const o = offers[c.dataIndex]; return `treated ${o.treatedConverted}/${o.treated}, holdout ${o.holdoutConverted}/${o.holdout}`; } } },
      },
      scales: { x: { type: "category" }, y: { title: { display: true, text: "conversion uplift, points" } } },
    },
  });
}

function renderIngest(metricsText) {
  const sum = (name) => metricsText.split("\n").filter((l) => l.startsWith(name + "{") || l.startsWith(name + " "))
    .reduce((total, l) => total + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
  const has = (name) => metricsText.includes("\n" + name);
  if (!has("realtime_ingest_events_total")) {
    byId("ingest-rate").textContent = "no ingest here";
    byId("ingest-lag").textContent = "–";
    return;
  }
  const now = Date.now();
  const events = sum("realtime_ingest_events_total");
  if (lastIngest) {
    const rate = (events - lastIngest.events) / ((now - lastIngest.at) / 1000);
    byId("ingest-rate").textContent = rate.toFixed(rate < 10 ? 1 : 0);
  }
  lastIngest = { at: now, events };
  const lagEvents = sum("realtime_ingest_consumer_lag_events");
  const lagSeconds = sum("realtime_ingest_lag_seconds");
  byId("ingest-lag").textContent = `${integer.format(lagEvents)} events · ${lagSeconds.toFixed(1)} s`;
}

async function renderChurn() {
  const pages = await getStream("/v1/churn/at-risk?min_score=0&page_size=1000");
  const scores = pages.flatMap((p) => p.customers || []);
  byId("churn-model").textContent = pages.length ? `model ${pages[0].modelVersion} · ${integer.format(scores.length)} customers` : "";
  const bins = new Array(10).fill(0);
  scores.forEach((s) => { bins[Math.min(9, Math.floor(s.score * 10))] += 1; });
  chart("churn-chart", {
    type: "bar",
    data: { labels: bins.map((_, i) => `${i * 10}–${i * 10 + 10} %`), datasets: [{ label: "customers", data: bins, backgroundColor: RISK_COLORS }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true }, x: { title: { display: true, text: "churn risk" } } } },
  });

  const candidates = scores.filter((s) => s.riskBand !== "low").sort((a, b) => b.score - a.score).slice(0, AT_RISK_CANDIDATES);
  const profiles = await Promise.all(candidates.map((c) => getJson(`/v1/customers/${encodeURIComponent(c.customerId)}/profile`).catch(() => null)));
  const ranked = candidates.map((c, i) => ({ churn: c, profile: profiles[i] })).filter((r) => r.profile)
    .map((r) => Object.assign(r, { value: r.profile.clv ? r.profile.clv.predicted : 0, revenue: r.profile.orders ? r.profile.orders.netRevenue : 0 }))
    .sort((a, b) => b.value - a.value || b.revenue - a.revenue).slice(0, AT_RISK_SHOWN);
  const offers = await Promise.all(ranked.map((r) =>
    getJson(`/v1/customers/${encodeURIComponent(r.churn.customerId)}/offers:explain?channel=email`).catch(() => null)));
  const body = byId("at-risk-table").querySelector("tbody");
  body.innerHTML = ranked.length === 0
    ? "<tr><td colspan=\"6\" class=\"muted\">No customer at medium or high risk.</td></tr>"
    : ranked.map((r, i) => {
      const offer = offers[i] ? offers[i].bestOfferId : "–";
      return `<tr data-customer="${r.churn.customerId}"><td>${r.churn.customerId}</td>` +
        `<td class="band-${r.churn.riskBand}">${percent(r.churn.score)} ${r.churn.riskBand}</td>` +
        `<td>${money.format(r.revenue)}</td><td>${money.format(r.value)}</td><td>${words(r.profile.lifecycleStage)}</td>` +
        `<td>${words(offer)}</td></tr>`;
    }).join("");
}

const COHORT_COLORS = ["#1f618d", "#2874a6", "#2e86c1", "#3498db", "#5dade2", "#85c1e9", "#16a085", "#27ae60", "#52be80", "#f5b041", "#eb984e", "#dc7633"];
const COHORTS_SHOWN = 12;

function acquisitionRow(r, kind) {
  const key = kind === "campaign" ? `${r.channel}/${r.campaign}` : r.channel;
  const clv365 = (r.clv || []).find((w) => w.days === 365);
  const cac = r.cac === undefined || r.cac === null ? "–" : `${money.format(r.cac)} <span class="rate">${words(r.cacSource)}</span>`;
  const ratio = r.clvToCac === undefined || r.clvToCac === null ? "–" : r.clvToCac.toFixed(2);
  const payback = r.paybackMonths === undefined || r.paybackMonths === null ? "–" : `${r.paybackMonths.toFixed(1)} mo`;
  const advice = r.advice || { action: "hold", reason: "" };
  return `<tr class="${kind}" data-acquisition-row="${key}" data-new-customers="${r.newCustomers}" data-cac="${r.cac ?? ""}" ` +
    `data-clv-to-cac="${r.clvToCac ?? ""}" data-payback="${r.paybackMonths ?? ""}" data-advice="${advice.action}">` +
    `<td>${kind === "campaign" ? words(r.campaign) : words(r.channel)}</td><td>${integer.format(r.newCustomers)}</td><td>${cac}</td>` +
    `<td>${percent(r.firstOrderConversion)}</td><td>${clv365 ? money.format(clv365.total) : "–"}</td><td>${ratio}</td><td>${payback}</td>` +
    `<td class="advice-${advice.action}" title="${advice.reason}">${advice.action} <span class="rate">${advice.reason}</span></td></tr>`;
}

function renderAcquisition(report) {
  const channels = report.channels || [];
  const campaigns = report.campaigns || [];
  const target = channels.length ? channels[0].targetClvToCac : 3;
  byId("acquisition-note").textContent = `CLV : CAC against ${target} : 1 · payback limit ${report.paybackLimitMonths} months ` +
    `for a ${words(report.maturity ? report.maturity.stage : "")} store${report.predicted ? "" : " · CLV from history only (no CLV model yet)"}`;
  const body = byId("acquisition-table").querySelector("tbody");
  body.innerHTML = channels.length === 0
    ? "<tr><td colspan=\"8\" class=\"muted\">No registered customers yet.</td></tr>"
    : channels.map((c) => acquisitionRow(c, "channel") + campaigns.filter((p) => p.channel === c.channel).map((p) => acquisitionRow(p, "campaign")).join("")).join("");
  const withRatio = channels.filter((c) => c.clvToCac !== undefined && c.clvToCac !== null);
  chart("acquisition-chart", {
    type: "bar",
    data: {
      labels: withRatio.map((c) => words(c.channel)),
      datasets: [
        { label: "CLV : CAC", data: withRatio.map((c) => c.clvToCac), backgroundColor: withRatio.map((c) => c.clvToCac >= target ? "#27ae60" : "#e67e22") },
        { label: `${target} : 1`, type: "line", data: withRatio.map(() => target), borderColor: "#c0392b", borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { indexAxis: "x", scales: { y: { beginAtZero: true, title: { display: true, text: "CLV : CAC (365 days × margin)" } } } },
  });
  const cohorts = (report.cohorts || []).slice(-COHORTS_SHOWN);
  const months = Math.max(0, ...cohorts.map((c) => (c.cumulativeRevenuePerCustomer || []).length));
  chart("cohort-chart", {
    type: "line",
    data: {
      labels: Array.from({ length: months }, (_, k) => `${k}`),
      datasets: cohorts.map((c, i) => ({ label: c.month, data: c.cumulativeRevenuePerCustomer, borderColor: COHORT_COLORS[i % COHORT_COLORS.length], pointRadius: 2, tension: 0.2 })),
    },
    options: { scales: { x: { title: { display: true, text: "months since acquisition" } }, y: { beginAtZero: true, title: { display: true, text: "cumulative revenue per customer" } } } },
  });
  byId("cohort-chart").dataset.cohorts = JSON.stringify(cohorts.map((c) => [c.month, c.cumulativeRevenuePerCustomer]));
}

async function refreshSummary() {
  try {
    const [summary, acquisition, history, uplift, metrics] = await Promise.all([
      getJson("/v1/insights/lifecycle"),
      getJson("/v1/insights/acquisition"),
      getJson("/dashboard/segment-history"),
      getJson("/v1/offers/uplift"),
      api("/metrics").then((r) => r.text()).catch(() => ""),
    ]);
    renderSummary(summary);
    renderFunnel(summary.funnel || {});
    renderAcquisition(acquisition);
    // The sampled history, then the sizes just read: the line always ends at what the tiles show.
    renderHistory(history.concat([{ at: summary.at, customers: Object.fromEntries(summary.segments.map((x) => [x.segment, x.customers])) }]));
    renderUplift(uplift);
    renderIngest(metrics);
    byId("updated").textContent = new Date().toLocaleTimeString();
    document.body.dataset.summaryLoaded = "true";
    clearError();
  } catch (error) {
    showError(error);
  }
}

async function refreshChurn() {
  try {
    await renderChurn();
    document.body.dataset.churnLoaded = "true";
  } catch (error) {
    showError(error);
  }
}

refreshSummary();
refreshChurn();
setInterval(refreshSummary, SUMMARY_EVERY_MS);
setInterval(refreshChurn, CHURN_EVERY_MS);
