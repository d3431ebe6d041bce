/* graphkit page. Every string from the data reaches the DOM through
   textContent, createTextNode or an attribute set by property: never innerHTML. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("gk-data").textContent);
  const GK = (window.graphkit = { firstDrawMs: null });
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  $("title").textContent = D.title;
  document.title = D.title;
  $("subtitle").textContent = D.subtitle;

  const kinds = D.kinds, types = D.types;
  const N = D.nodes.length, M = D.edges.length;
  let english = false;

  // ------------------------------------------------------------ data sets
  const nodeList = new Array(N);
  const byId = new Map();
  for (let i = 0; i < N; i++) {
    const n = D.nodes[i];
    byId.set(n[0], i);
    nodeList[i] = { id: n[0], label: n[1], x: n[4], y: n[5], size: n[6], group: kinds[n[3]].name };
  }
  const edgeList = new Array(M);
  const typeStyle = types.map((t) => ({ color: t.colour, opacity: 1 }));
  for (let j = 0; j < M; j++) {
    const e = D.edges[j];
    edgeList[j] = {
      id: j,
      from: D.nodes[e[0]][0],
      to: D.nodes[e[1]][0],
      color: typeStyle[e[2]],
      dashes: types[e[2]].dashes,
    };
  }
  const nodes = new vis.DataSet(nodeList);
  const edges = new vis.DataSet(edgeList);

  // ------------------------------------------------------------ filters
  // In-page filters: relationship types and "as of" date. Positions are fixed
  // (physics is off), so filtering only hides and shows.
  const typeOn = types.map(() => true);
  const edgeOk = new Uint8Array(M).fill(1);
  const nodeOk = new Uint8Array(N).fill(1);
  let asOf = null; // ISO day or null (= everything)
  let certainOnly = false;

  // At date d: 0 = not yet (hidden), 1 = certainly by d, 2 = possibly by d,
  // 3 = a stint that has begun but not (certainly) ended by d. Python sends each
  // fact's span as graphkit.careers dated it (e[3], e[4]: first and last day, "" =
  // open; e[5] = 1 when dated) and, for an ending, the first day its stint can have
  // begun (e[6], "" = unknown; null = not an ending). No date rule is applied here.
  function stateAt(e, d) {
    if (!e[5]) return certainOnly ? 0 : 2;
    if (e[4] && e[4] <= d) return 1;
    if (!e[3] || e[3] <= d) return certainOnly ? 0 : 2;
    if (e[6] !== null && (!e[6] || e[6] <= d)) return 3;
    return 0;
  }

  const edgeView = new vis.DataView(edges, { filter: (e) => edgeOk[e.id] === 1 });
  const nodeView = new vis.DataView(nodes, { filter: (n) => nodeOk[byId.get(n.id)] === 1 });

  function applyFilters() {
    const active = asOf !== null || typeOn.some((on) => !on);
    const touched = new Uint8Array(N);
    const restyle = [];
    for (let j = 0; j < M; j++) {
      const e = D.edges[j];
      let ok = typeOn[e[2]] ? 1 : 0;
      let style = 1;
      if (ok && asOf !== null) {
        style = stateAt(e, asOf);
        ok = style === 0 ? 0 : 1;
      }
      edgeOk[j] = ok;
      if (ok) {
        touched[e[0]] = 1;
        touched[e[1]] = 1;
        const want = style === 1 ? 1 : style === 3 ? 0.6 : 0.35;
        const dashes = style === 3 ? true : types[e[2]].dashes;
        const cur = edgeList[j];
        if (cur.color.opacity !== want || cur.dashes !== dashes) {
          cur.color = { color: types[e[2]].colour, opacity: want };
          cur.dashes = dashes;
          restyle.push({ id: j, color: cur.color, dashes: dashes });
        }
      }
    }
    for (let i = 0; i < N; i++) nodeOk[i] = active ? touched[i] : 1;
    if (restyle.length) edges.update(restyle);
    nodeView.refresh();
    edgeView.refresh();
  }

  // ------------------------------------------------------------ network
  const container = $("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, D.options);
  network.once("afterDrawing", function () {
    performance.mark("graphkit-first-draw");
    GK.firstDrawMs = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });
  network.fit({ animation: false });

  // ------------------------------------------------------------ text helpers
  function kindOf(i) {
    return kinds[D.nodes[i][3]];
  }
  function nameLine(i) {
    const n = D.nodes[i];
    return n[2] && n[2] !== n[1] ? n[1] + " (" + n[2] + ")" : n[1];
  }
  function dateText(info, prefix) {
    if (!info[prefix]) return "";
    return info[prefix + "_en"] + " · " + info[prefix + "_zh"] + " [EDTF " + info[prefix] + "]";
  }
  function edgeTitle(j) {
    const e = D.edges[j], t = types[e[2]];
    return t.label_zh + " " + t.name + ": " + D.nodes[e[0]][1] + " → " + D.nodes[e[1]][1];
  }

  // ------------------------------------------------------------ tooltip
  const tip = $("tip");
  function showTip(lines, pointer) {
    clear(tip);
    lines.forEach((line, k) => {
      if (!line) return;
      tip.appendChild(k === 0 ? el("b", "", line) : el("div", "", line));
    });
    const r = container.getBoundingClientRect();
    tip.style.left = Math.min(r.left + pointer.x + 14, window.innerWidth - 320) + "px";
    tip.style.top = r.top + pointer.y + 14 + "px";
    tip.hidden = false;
  }
  function nodeTipLines(i) {
    const info = D.nodeInfo[i], k = kindOf(i);
    return [
      nameLine(i),
      k.label_zh + " " + k.name + (info.unnamed ? " · 未具名 unnamed" : ""),
      info.date ? dateText(info, "date") : "",
      D.sizeBy + ": " + info.m,
    ];
  }
  function edgeTipLines(j) {
    const info = D.edgeInfo[j];
    return [
      edgeTitle(j),
      info.role ? info.role + (info.role_en ? " / " + info.role_en : "") : "",
      info.start ? "start: " + dateText(info, "start") : "",
      info.end ? "end: " + dateText(info, "end") : "",
      info.status ? "status: " + info.status : "",
    ];
  }
  network.on("hoverNode", (p) => showTip(nodeTipLines(byId.get(p.node)), p.pointer.DOM));
  network.on("hoverEdge", (p) => showTip(edgeTipLines(p.edge), p.pointer.DOM));
  network.on("blurNode", () => (tip.hidden = true));
  network.on("blurEdge", () => (tip.hidden = true));
  network.on("dragStart", () => (tip.hidden = true));
  network.on("zoom", () => (tip.hidden = true));

  // ------------------------------------------------------------ side panel
  const panel = $("panel"), body = $("panel-body");
  function dl(pairs) {
    const d = el("dl");
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === "") continue;
      d.appendChild(el("dt", "", k));
      d.appendChild(el("dd", "", v));
    }
    return d;
  }
  function sourceLine(sid) {
    const s = D.sources[sid];
    return "— " + (s ? [s.publisher, s.title, s.published, s.url].filter(Boolean).join(" · ") : sid);
  }
  function evidence(info, box) {
    for (const d of info.disputed || []) {
      const warn = el("div", "dispute", "Sources disagree 来源说法不一 on " + d.field + ":");
      const list = el("ul");
      for (const [value, sids] of d.values) {
        list.appendChild(el("li", "", (value || "(none: still there 仍在任)") + " — " + sids.join(", ")));
      }
      warn.appendChild(list);
      box.appendChild(warn);
    }
    if (info.quotes) {
      // one fact, several sources: each source's own verbatim quote under it
      for (const [quote, sids] of info.quotes) {
        box.appendChild(el("blockquote", "", "“" + quote + "”"));
        for (const sid of sids) box.appendChild(el("div", "src", sourceLine(sid)));
      }
      return;
    }
    if (info.evidence) box.appendChild(el("blockquote", "", "“" + info.evidence + "”"));
    for (const sid of info.sources || []) box.appendChild(el("div", "src", sourceLine(sid)));
  }
  function relBlock(j, self) {
    const e = D.edges[j], info = D.edgeInfo[j], t = types[e[2]];
    const box = el("div", "rel");
    const other = e[0] === self ? e[1] : e[0];
    const head = el("div");
    const badge = el("span", "kind", t.label_zh + " " + t.name);
    badge.style.background = t.colour;
    head.appendChild(badge);
    head.appendChild(document.createTextNode(" " + (e[0] === self ? "→ " : "← ") + nameLine(other)));
    box.appendChild(head);
    box.appendChild(
      dl([
        ["role", info.role ? info.role + (info.role_en ? " / " + info.role_en : "") : ""],
        ["start", dateText(info, "start")],
        ["end", dateText(info, "end")],
        ["status", info.status],
        ["note", info.note],
      ])
    );
    evidence(info, box);
    return box;
  }
  // A person's moves and role changes, as graphkit.careers derived them.
  const FLAG_BOOMERANG = 1, FLAG_AMBIGUOUS = 2, FLAG_ARRIVAL = 4;
  function moveLine(m) {
    const from = m[10] & FLAG_ARRIVAL ? "(unknown origin 来源不详)" : m[2];
    const to = m[4] || (m[10] & FLAG_AMBIGUOUS ? "(ambiguous 不确定)" : "(unknown 去向不详)");
    return from + " → " + to;
  }
  function moveNote(m) {
    const notes = m[10] & FLAG_AMBIGUOUS ? [] : [m[5]];
    if (m[10] & FLAG_BOOMERANG) notes.push("boomerang 回流");
    if (m[10] & FLAG_AMBIGUOUS) notes.push("ambiguous: " + m[11].join(" or "));
    if (m[12]) notes.push(m[12]);
    return notes.join(" · ");
  }
  function careerBlock(i) {
    const ms = D.moves.filter((m) => m[0] === i);
    const rc = D.roleChanges.filter((r) => r[0] === i);
    if (!ms.length && !rc.length) return;
    body.appendChild(el("h4", "", "Career 履历: " + ms.length + (ms.length === 1 ? " move" : " moves")));
    const list = el("ul", "career");
    for (const m of ms) {
      const li = el("li", m[10] & FLAG_BOOMERANG ? "move boomerang" : "move");
      li.appendChild(el("b", "", moveLine(m)));
      li.appendChild(el("div", "", (m[8] ? m[8] + " · " + m[9] : "undated 未注明日期") + " · " + moveNote(m)));
      list.appendChild(li);
    }
    for (const r of rc) {
      const li = el("li", "role-change");
      li.appendChild(el("b", "", "Role change 职位变动 at " + r[1]));
      li.appendChild(el("div", "", (r[2] || "(role)") + " → " + (r[3] || "(role)") + " · " + r[4] + " · " + r[5]));
      list.appendChild(li);
    }
    body.appendChild(list);
  }
  function showNode(id) {
    const i = byId.get(id);
    if (i === undefined) return;
    const n = D.nodes[i], info = D.nodeInfo[i], k = kindOf(i);
    clear(body);
    body.appendChild(el("h3", "", n[1]));
    if (n[2]) body.appendChild(el("div", "en", n[2]));
    const badge = el("span", "kind", k.label_zh + " " + k.name);
    badge.style.background = k.colour;
    body.appendChild(badge);
    body.appendChild(
      dl([
        ["id", n[0]],
        ["aliases", (info.aliases || []).join("; ")],
        ["merged ids", (info.merged_ids || []).join("; ")],
        ["category", info.category],
        ["unnamed", info.unnamed ? "yes (未具名)" : ""],
        ["date", info.date ? dateText(info, "date") : ""],
        [D.sizeBy, info.m],
        ["note", info.note],
      ])
    );
    careerBlock(i);
    const rels = [];
    for (let j = 0; j < M; j++) if (D.edges[j][0] === i || D.edges[j][1] === i) rels.push(j);
    body.appendChild(el("h4", "", rels.length + " relationships"));
    for (const j of rels) body.appendChild(relBlock(j, i));
    panel.hidden = false;
  }
  function showEdge(j) {
    const e = D.edges[j];
    clear(body);
    body.appendChild(el("h3", "", edgeTitle(j)));
    body.appendChild(relBlock(j, e[0]));
    panel.hidden = false;
  }
  network.on("click", (p) => {
    tip.hidden = true;
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else panel.hidden = true;
  });
  $("panel-close").addEventListener("click", () => {
    panel.hidden = true;
    network.unselectAll();
  });

  // ------------------------------------------------------------ search
  const results = $("results");
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    const exact = [], part = [];
    for (let i = 0; i < N; i++) {
      const n = D.nodes[i];
      const keys = [n[0], n[1], n[2]].concat(D.nodeInfo[i].aliases || []).map((s) => String(s).toLowerCase());
      if (keys.some((s) => s === q)) exact.push(n[0]);
      else if (keys.some((s) => s.indexOf(q) >= 0)) part.push(n[0]);
    }
    return exact.concat(part);
  }
  function focusNode(id) {
    const i = byId.get(id);
    if (i === undefined) return;
    if (!nodeOk[i]) {
      // a filter hides it: show everything again
      typeOn.fill(true);
      asOf = null;
      syncControls();
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  function search(q) {
    const hits = find(q);
    clear(results);
    if (hits.length) focusNode(hits[0]);
    if (hits.length > 1) {
      for (const id of hits.slice(0, 30)) {
        const b = el("button", "", nameLine(byId.get(id)));
        b.type = "button";
        b.addEventListener("click", () => {
          focusNode(id);
          results.hidden = true;
        });
        results.appendChild(b);
      }
      results.hidden = false;
    } else {
      results.hidden = true;
      if (!hits.length && q.trim()) {
        results.appendChild(el("div", "", "no match"));
        results.hidden = false;
      }
    }
    return hits;
  }
  const box = $("search");
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") search(box.value);
    if (ev.key === "Escape") results.hidden = true;
  });
  box.addEventListener("search", () => search(box.value));

  // ------------------------------------------------------------ labels, fit
  function setEnglish(on) {
    english = on;
    nodes.update(D.nodes.map((n) => ({ id: n[0], label: on && n[2] ? n[2] : n[1] })));
    $("lang").textContent = on ? "中文标签" : "English labels";
  }
  $("lang").addEventListener("click", () => setEnglish(!english));
  $("fit").addEventListener("click", () => network.fit({ animation: false }));

  // ------------------------------------------------------------ legend
  function shapeIcon(shape, colour, dashed) {
    const s = svg("svg", { width: 18, height: 14, viewBox: "0 0 18 14" });
    const st = { fill: colour, stroke: "#333", "stroke-width": 1 };
    let e;
    if (shape === "line") {
      e = svg("line", { x1: 1, y1: 7, x2: 17, y2: 7, stroke: colour, "stroke-width": 2.5 });
      if (dashed) e.setAttribute("stroke-dasharray", "4 3");
    } else if (shape === "box" || shape === "square") e = svg("rect", Object.assign({ x: 3, y: 2, width: 12, height: 10 }, st));
    else if (shape === "diamond") e = svg("polygon", Object.assign({ points: "9,1 16,7 9,13 2,7" }, st));
    else if (shape === "triangle") e = svg("polygon", Object.assign({ points: "9,1 16,13 2,13" }, st));
    else if (shape === "hexagon") e = svg("polygon", Object.assign({ points: "5,1 13,1 17,7 13,13 5,13 1,7" }, st));
    else if (shape === "star")
      e = svg("polygon", Object.assign({ points: "9,0 11,5 17,5 12,8.5 14,14 9,10.5 4,14 6,8.5 1,5 7,5" }, st));
    else e = svg("circle", Object.assign({ cx: 9, cy: 7, r: 5.5 }, st));
    s.appendChild(e);
    return s;
  }
  const ln = $("legend-nodes");
  for (const k of kinds) {
    if (!k.count) continue;
    const li = el("li");
    li.appendChild(shapeIcon(D.options.groups[k.name].shape, k.colour));
    li.appendChild(el("span", "", k.label_zh + " " + k.name));
    li.appendChild(el("span", "n", k.count));
    ln.appendChild(li);
  }
  const le = $("legend-edges");
  const typeBoxes = [];
  types.forEach((t, ti) => {
    if (!t.count) return;
    const li = el("li");
    const lab = el("label");
    const cb = el("input");
    cb.type = "checkbox";
    cb.checked = true;
    cb.setAttribute("data-type", t.name);
    cb.addEventListener("change", () => {
      typeOn[ti] = cb.checked;
      applyFilters();
    });
    typeBoxes.push([ti, cb]);
    lab.appendChild(cb);
    lab.appendChild(shapeIcon("line", t.colour, t.dashes));
    lab.appendChild(document.createTextNode(" " + t.label_zh + " " + t.name));
    lab.title = t.meaning;
    li.appendChild(lab);
    li.appendChild(el("span", "n", t.count));
    le.appendChild(li);
  });
  $("sizeby").textContent = "node size: " + D.sizeBy + (D.big ? " · zoom in for labels" : "");

  // ------------------------------------------------------------ time slider
  const slider = $("slider"), sliderLabel = $("slider-label");
  const months = [];
  if (D.span[0]) {
    let y = +D.span[0].slice(0, 4), m = +D.span[0].slice(5, 7);
    const endY = +D.span[1].slice(0, 4), endM = +D.span[1].slice(5, 7);
    while (y < endY || (y === endY && m <= endM)) {
      months.push([y, m]);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  }
  function lastDay(y, m) {
    const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return y + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }
  slider.max = String(months.length);
  slider.value = String(months.length);
  function sliderText() {
    const v = +slider.value;
    if (v >= months.length) return "all dates (全部)";
    const [y, m] = months[v];
    return "as of " + lastDay(y, m) + " (" + y + "年" + m + "月底)";
  }
  sliderLabel.textContent = sliderText();
  if (!months.length) $("time").hidden = true;
  function syncControls() {
    for (const [ti, cb] of typeBoxes) cb.checked = typeOn[ti];
    if (asOf === null) slider.value = String(months.length);
    sliderLabel.textContent = sliderText();
  }
  function setAsOf(iso) {
    asOf = iso;
    applyFilters();
  }
  slider.addEventListener("input", () => {
    const v = +slider.value;
    sliderLabel.textContent = sliderText();
    setAsOf(v >= months.length ? null : lastDay(months[v][0], months[v][1]));
  });
  $("certain").addEventListener("change", (ev) => {
    certainOnly = ev.target.checked;
    applyFilters();
  });

  // ------------------------------------------------------------ timeline
  let timelineBuilt = false;
  function buildTimeline() {
    timelineBuilt = true;
    const root = $("timeline");
    const rows = new Map(); // organisation left -> [move index]
    const wt = types.findIndex((t) => t.name === "WORKED_AT");
    let lo = null, hi = null;
    D.moves.forEach((m, k) => {
      if (m[10] & FLAG_ARRIVAL) return; // departures only
      if (!rows.has(m[1])) rows.set(m[1], { name: m[2], moves: [] });
      rows.get(m[1]).moves.push(k);
      for (const d of [m[6], m[7]]) {
        if (!d) continue;
        if (lo === null || d < lo) lo = d;
        if (hi === null || d > hi) hi = d;
      }
    });
    if (!rows.size || lo === null) {
      root.appendChild(el("p", "", "No departures in this graph."));
      return;
    }
    const t0 = Date.parse(lo.slice(0, 7) + "-01") - 15 * 864e5, t1 = Date.parse(hi) + 20 * 864e5;
    const left = 230, right = 230, width = Math.max(600, root.clientWidth - left - right), rowH = 18;
    const x = (iso) => left + ((Date.parse(iso) - t0) / (t1 - t0)) * width;
    const dayPx = (864e5 / (t1 - t0)) * width;
    const orgs = Array.from(rows.keys()).sort((a, b) => rows.get(b).moves.length - rows.get(a).moves.length);
    let total = 0;
    for (const o of orgs) total += rows.get(o).moves.length + 1.5;
    const height = 40 + total * rowH;
    const s = svg("svg", { width: left + width + right, height: height });
    const title = svg("text", { x: 0, y: 14, "font-weight": "bold" });
    title.textContent = "离职时间线 Departures per company over time (bars span the fuzzy date, earliest to latest)";
    s.appendChild(title);
    const axis = svg("g", { class: "axis" });
    const start = new Date(t0);
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1; ; ) {
      const iso = y + "-" + String(m).padStart(2, "0") + "-01";
      if (Date.parse(iso) > t1) break;
      if (Date.parse(iso) >= t0) {
        const xx = x(iso);
        axis.appendChild(svg("line", { x1: xx, x2: xx, y1: 24, y2: height, stroke: m === 1 ? "#bbb" : "#eee" }));
        const months = (t1 - t0) / (30 * 864e5);
        const step = months > 48 ? 12 : months > 18 ? 3 : 1;
        if ((m - 1) % step === 0) {
          const tx = svg("text", { x: xx + 2, y: 32 });
          tx.textContent = m === 1 || step === 12 ? y + "" : y + "-" + String(m).padStart(2, "0");
          axis.appendChild(tx);
        }
      }
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    s.appendChild(axis);
    let row = 2.4;
    const colour = types[wt].colour;
    for (const o of orgs) {
      const group = rows.get(o);
      const head = svg("text", { x: 0, y: (row + 0.8) * rowH, "font-weight": "bold" });
      head.textContent = group.name + " — " + group.moves.length;
      s.appendChild(head);
      row += 1;
      const ks = group.moves.sort((a, b) => (D.moves[a][6] || D.moves[a][7]).localeCompare(D.moves[b][6] || D.moves[b][7]));
      for (const k of ks) {
        const m = D.moves[k];
        const y = row * rowH;
        const lab = svg("text", { x: 12, y: y + 12 });
        lab.textContent = D.nodes[m[0]][1] + (m[12] ? " · " + m[12] : "");
        s.appendChild(lab);
        const a = m[6] ? x(m[6]) : left, b = x(m[7] || hi) + dayPx; // bars cover whole days
        const bar = svg("rect", {
          x: a, y: y + 2, width: Math.max(4, b - a), height: rowH - 5, rx: 3,
          fill: colour, "fill-opacity": m[6] ? 0.75 : 0.3,
          stroke: colour, "stroke-dasharray": m[6] ? "" : "4 2",
        });
        const tt = svg("title", {});
        tt.textContent = D.nodes[m[0]][1] + ": " + moveLine(m) + " · " + m[8] + " · " + moveNote(m);
        bar.appendChild(tt);
        bar.addEventListener("click", () => showNode(D.nodes[m[0]][0]));
        s.appendChild(bar);
        const when = svg("text", { x: Math.max(4, b - a) + a + 6, y: y + 12, fill: "#555" });
        when.textContent = m[9] + (m[4] ? " → " + m[4] : "");
        s.appendChild(when);
        row += 1;
      }
      row += 0.5;
    }
    root.appendChild(s);
  }
  function setView(v) {
    const timeline = v === "timeline";
    $("graph-view").hidden = timeline;
    $("timeline-view").hidden = !timeline;
    $("tab-graph").classList.toggle("active", !timeline);
    $("tab-timeline").classList.toggle("active", timeline);
    if (timeline && !timelineBuilt) buildTimeline();
    if (timeline) $("timeline-view").appendChild(panel);
    else {
      $("graph-view").appendChild(panel);
      // A page opened on the timeline has not drawn the graph yet (its box had no size).
      network.setSize("100%", "100%");
      if (GK.firstDrawMs === null) network.fit({ animation: false });
      network.redraw();
    }
  }
  $("tab-graph").addEventListener("click", () => setView("graph"));
  $("tab-timeline").addEventListener("click", () => setView("timeline"));

  Object.assign(GK, {
    network: network,
    nodes: nodes,
    edges: edges,
    nodeView: nodeView,
    edgeView: edgeView,
    data: D,
    search: search,
    showNode: showNode,
    setView: setView,
    setEnglish: setEnglish,
    setAsOf: function (iso) {
      asOf = iso;
      syncControls();
      applyFilters();
    },
    setType: function (name, on) {
      const ti = types.findIndex((t) => t.name === name);
      typeOn[ti] = !!on;
      syncControls();
      applyFilters();
    },
    drawn: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    },
    // The state (0 hidden, 1 certain, 2 possible, 3 going on) of the first relationship
    // from one node id to another at an ISO day, as the as-of filter sees it.
    edgeState: function (from, to, iso) {
      const a = byId.get(from), b = byId.get(to);
      const e = D.edges.find((x) => x[0] === a && x[1] === b);
      return e ? stateAt(e, iso) : null;
    },
  });
  if (D.view === "timeline") setView("timeline");
  document.body.setAttribute("data-ready", "1");
})();
