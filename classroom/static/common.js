// Shared by both pages: words (Indonesian first), language toggle, JSON API, live socket.
"use strict";
const BK = (() => {
  const $ = (id) => document.getElementById(id);
  let words = {};
  let lang = localStorage.getItem("bk.lang") === "en" ? "en" : "id";
  const q = new URLSearchParams(location.search);
  const room = (q.get("r") || "").toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 8);
  const t = (k, vars) => {
    let s = (words[lang] || {})[k] || (words.id || {})[k] || k;
    for (const v in vars || {}) s = s.replace("{" + v + "}", vars[v]);
    return s;
  };
  // A label from the game: a plain string or {id, en}.
  const L = (x) => (x && typeof x === "object" ? x[lang] || x.id || "" : x || "");
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const paint = () => {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach((e) => (e.textContent = t(e.dataset.t)));
  };
  const api = async (path, body) => {
    try {
      const r = await fetch(path, {
        method: body ? "POST" : "GET",
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
        cache: "no-store",
      });
      const j = await r.json().catch(() => ({ error: "error" }));
      j.status = r.status;
      return j;
    } catch (e) {
      return { error: "offline", status: 0 };
    }
  };
  // Live updates over a WebSocket; while it is down, poll over HTTP and retry.
  const live = (path, poll, onState, onDown) => {
    let timer = null;
    const connect = () => {
      const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + path());
      ws.onmessage = (m) => {
        const d = JSON.parse(m.data);
        if (d.t === "state") onState(d);
      };
      ws.onopen = () => { clearInterval(timer); timer = null; };
      ws.onclose = () => {
        if (onDown && onDown()) return;
        if (!timer) timer = setInterval(poll, 3000);
        setTimeout(connect, 5000);
      };
    };
    connect();
  };
  const start = async (done) => {
    const w = await api("/static/words.json");
    if (!w.error) words = w;
    const b = $("lang");
    b.onclick = () => {
      lang = lang === "id" ? "en" : "id";
      localStorage.setItem("bk.lang", lang);
      paint();
      done();
    };
    paint();
    done();
  };
  // Rebuild a container's children only when its signature changes.
  const keep = (box, sig, build) => {
    if (box.dataset.sig === String(sig)) return;
    box.dataset.sig = String(sig);
    box.textContent = "";
    build(box);
  };
  return { $, t, L, el, api, live, start, keep, room, q, paint, lang: () => lang };
})();
